package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorCore.Phase;
import org.twisted4j.internet.ReactorGroup;
import org.twisted4j.internet.ReactorTCP;

/**
 * Native reactors as members of a {@link ReactorGroup}: each member listens with a socket of its own on one
 * shared port ({@code SO_REUSEPORT}), connections land on every member and its own factory, and stopping the
 * group closes every member's port. Here the members listen from {@code callWhenRunning}, as {@code twist} starts
 * its services; core's {@code ReactorGroupTest}, run on each backend by this module's build, covers the group's
 * {@code listenTCP} before it runs.
 */
class NativeReactorGroupTest {
    private static final long T = 30;

    private ReactorGroup<ReactorBackend> group;
    private Thread runner;

    @AfterEach
    void stopGroup() throws InterruptedException {
        if (runner != null) {
            group.stop();
            runner.join(TimeUnit.SECONDS.toMillis(T));
            assertThat(runner.isAlive()).as("the group's thread ended").isFalse();
        }
    }

    /** Says which thread served the connection, then closes it. */
    static final class WhoAmI extends Protocol {
        @Override
        public void connectionMade() {
            transport().write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.UTF_8));
            transport().loseConnection();
        }
    }

    /** Records the threads it builds protocols on. */
    static final class Recording extends Factory {
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        Recording() {
            super(WhoAmI::new);
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            threads.add(Thread.currentThread().getName());
            return super.buildProtocol(peer);
        }
    }

    private static String ask(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Runs a group of two reactors of {@code backend} (or skips where it cannot run) on a thread named
     * {@code group}, each member listening on {@code port} with a factory of its own once it runs; returns the
     * members' ports in member order.
     */
    private List<ListeningPort> listenOnTwo(String backend, int port, List<Recording> factories)
            throws Exception {
        group = ReactorGroup.of(2, index -> Backends.require(backend));
        List<CompletableFuture<ListeningPort>> listening = new ArrayList<>();
        for (ReactorBackend member : group.reactors()) {
            Recording factory = new Recording();
            factories.add(factory);
            CompletableFuture<ListeningPort> opened = new CompletableFuture<>();
            listening.add(opened);
            member.callWhenRunning(() -> {
                try {
                    opened.complete(member.listenTCP(port, factory, ReactorTCP.DEFAULT_BACKLOG, "127.0.0.1"));
                } catch (RuntimeException e) {
                    opened.completeExceptionally(e);
                }
            });
        }
        runner = Thread.ofPlatform().name("group").start(group::run);
        List<ListeningPort> ports = new ArrayList<>();
        for (CompletableFuture<ListeningPort> opened : listening) {
            ports.add(opened.get(T, TimeUnit.SECONDS));
        }
        return ports;
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    /** Connects until both members have served, or 1000 times; returns the threads that served. */
    private static Set<String> servedBy(int port) throws IOException {
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 1000 && threads.size() < 2; i++) {
            threads.add(ask(port)); // a new source port each time, so that the kernel's hash picks either socket
        }
        return threads;
    }

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void aPortZeroServerSharesOnePortAndConnectionsLandOnEveryMemberWithItsOwnFactory(String backend)
            throws Exception {
        List<Recording> factories = new CopyOnWriteArrayList<>();
        List<ListeningPort> ports = listenOnTwo(backend, 0, factories);

        int port = port(ports.get(0));
        assertThat(port).isPositive();
        assertThat(port(ports.get(1))).as("both members on the port agreed").isEqualTo(port);
        assertThat(servedBy(port)).containsExactlyInAnyOrder("group", "twisted4j-reactor-1");
        assertThat(factories.get(0).threads).containsExactly("group");
        assertThat(factories.get(1).threads).containsExactly("twisted4j-reactor-1");
    }

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void aFixedPortIsSharedByEveryMember(String backend) throws Exception {
        List<ListeningPort> ports;
        int port;
        // Holds a free port while the members bind it beside this socket, then leaves it to them alone.
        try (ServerSocketChannel holder = ServerSocketChannel.open()) {
            holder.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            ports = listenOnTwo(backend, port, new CopyOnWriteArrayList<>());
        }

        assertThat(ports).extracting(NativeReactorGroupTest::port).containsExactly(port, port);
        assertThat(servedBy(port)).containsExactlyInAnyOrder("group", "twisted4j-reactor-1");
    }

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void stoppingTheGroupStopsEveryMemberThroughItsShutdownTriggersAndClosesTheirSockets(String backend)
            throws Exception {
        List<Recording> factories = new CopyOnWriteArrayList<>();
        List<ListeningPort> ports = listenOnTwo(backend, 0, factories);
        int port = port(ports.get(0));
        assertThat(servedBy(port)).hasSize(2);
        List<String> shutdowns = new CopyOnWriteArrayList<>();
        CountDownLatch triggersSet = new CountDownLatch(2);
        for (ReactorBackend member : group.reactors()) {
            member.callFromThread(() -> {
                member.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN,
                        () -> shutdowns.add(Thread.currentThread().getName()));
                triggersSet.countDown();
            });
        }
        assertThat(triggersSet.await(T, TimeUnit.SECONDS)).isTrue();

        group.stop();
        runner.join(TimeUnit.SECONDS.toMillis(T));

        assertThat(runner.isAlive()).isFalse();
        assertThat(group.isRunning()).isFalse();
        assertThat(shutdowns).containsExactlyInAnyOrder("group", "twisted4j-reactor-1");
        assertThatThrownBy(() -> ask(port)).as("no member listens any more").isInstanceOf(ConnectException.class);
    }
}
