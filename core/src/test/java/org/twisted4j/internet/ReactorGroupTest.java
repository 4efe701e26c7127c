package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.ReactorCore.Phase;

/** Groups of reactors of the backend under test ({@link RunningReactor#BACKEND_PROPERTY}). */
class ReactorGroupTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    private ReactorGroup<ReactorBackend> group;
    private Thread runner;

    @AfterEach
    void stopGroup() throws InterruptedException {
        if (group != null && runner != null) {
            group.stop();
            runner.join(TimeUnit.SECONDS.toMillis(T));
            assertThat(runner.isAlive()).as("the group's thread ended").isFalse();
        }
    }

    /** Makes a group of {@code size} reactors of the backend under test ({@link RunningReactor#newBackend}). */
    private static ReactorGroup<ReactorBackend> group(int size) {
        return ReactorGroup.of(size, index -> RunningReactor.newBackend());
    }

    /** Runs the group on a thread of the test's and waits until every member runs. */
    private void start() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(group.size());
        group.reactors().forEach(reactor -> reactor.callWhenRunning(running::countDown));
        runner = Thread.ofPlatform().name("group").start(group::run);
        assertThat(running.await(T, TimeUnit.SECONDS)).isTrue();
    }

    /** Says which thread served the connection, then closes it. */
    static final class WhoAmI extends Protocol {
        @Override
        public void connectionMade() {
            transport().write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.UTF_8));
            transport().loseConnection();
        }
    }

    /** Counts the protocols it builds, from its member's thread only. */
    static final class Counting extends Factory {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile int built;

        Counting() {
            super(WhoAmI::new);
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            threads.add(Thread.currentThread().getName());
            built++;
            return super.buildProtocol(peer);
        }
    }

    private static String ask(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aPortZeroServerSharesOnePortAndConnectionsLandOnEveryMemberWithItsOwnFactory() throws Exception {
        group = group(2);
        List<Counting> factories = new CopyOnWriteArrayList<>();
        List<ListeningPort> ports = group.listenTCP(0, () -> {
            Counting factory = new Counting();
            factories.add(factory);
            return factory;
        }, ReactorTCP.DEFAULT_BACKLOG, "127.0.0.1");
        start();

        assertThat(ports).hasSize(2);
        int port = TcpSupport.port(ports.get(0));
        assertThat(TcpSupport.port(ports.get(1))).isEqualTo(port);
        Map<String, Integer> servedBy = new ConcurrentHashMap<>();
        for (int i = 0; i < 1000 && servedBy.size() < 2; i++) {
            servedBy.merge(ask(port), 1, Integer::sum);
        }
        assertThat(servedBy.keySet()).containsExactlyInAnyOrder("group", "twisted4j-reactor-1");
        assertThat(factories).hasSize(2);
        assertThat(factories.get(0).threads).containsExactly("group");
        assertThat(factories.get(1).threads).containsExactly("twisted4j-reactor-1");
    }

    @Test
    void aFixedPortIsSharedToo() throws Exception {
        group = group(2);
        List<ListeningPort> first = group.listenTCP(0, Counting::new, ReactorTCP.DEFAULT_BACKLOG, "127.0.0.1");
        int port = TcpSupport.port(first.get(0));
        ReactorGroup<ReactorBackend> other = group(2);
        List<ListeningPort> fixed = other.listenTCP(port, Counting::new, ReactorTCP.DEFAULT_BACKLOG, "127.0.0.1");
        assertThat(fixed).extracting(TcpSupport::port).containsExactly(port, port);
        for (ListeningPort open : first) {
            open.stopListening();
        }
        for (ListeningPort open : fixed) {
            open.stopListening();
        }
    }

    /** Records which thread each datagram reached. */
    static final class Heard extends DatagramProtocol {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final CountDownLatch all;

        Heard(CountDownLatch all) {
            this.all = all;
        }

        @Override
        public void datagramReceived(ByteBuffer data, Address from) {
            threads.add(Thread.currentThread().getName());
            all.countDown();
        }
    }

    @Test
    void aUdpPortIsSharedAndDatagramsReachEveryMember() throws Exception {
        group = group(2);
        int senders = 200;
        CountDownLatch all = new CountDownLatch(senders);
        List<Heard> heard = List.of(new Heard(all), new Heard(all));
        List<ListeningPort> ports = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ports.add(group.reactor(i).listenUDP(0, heard.get(i), "127.0.0.1", 8192));
        }
        start();

        int port = TcpSupport.port(ports.get(0));
        assertThat(TcpSupport.port(ports.get(1))).isEqualTo(port);
        for (int i = 0; i < senders; i++) {
            // a new source port each time, so that the kernel's hash picks either socket
            try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                sender.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getLoopbackAddress(), port));
            }
        }

        assertThat(all.await(T, TimeUnit.SECONDS)).as("every datagram arrived").isTrue();
        assertThat(heard.get(0).threads).containsExactly("group");
        assertThat(heard.get(1).threads).containsExactly("twisted4j-reactor-1");
    }

    @Test
    void aGroupOfOneSharesNothingSoAnotherSocketCannotJoinItsPort() throws Exception {
        group = group(1);
        List<ListeningPort> ports = group.listenTCP(0, Counting::new, ReactorTCP.DEFAULT_BACKLOG, "127.0.0.1");
        int port = TcpSupport.port(ports.get(0));
        try (ServerSocketChannel other = ServerSocketChannel.open()) {
            other.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            assertThatThrownBy(() -> other.bind(new InetSocketAddress("127.0.0.1", port)))
                    .isInstanceOf(BindException.class);
        } finally {
            ports.get(0).stopListening();
        }
    }

    @Test
    void stoppingFromAnyThreadStopsEveryMemberThroughItsShutdownTriggers() throws Exception {
        group = group(3);
        List<String> shutdowns = new CopyOnWriteArrayList<>();
        for (ReactorBackend reactor : group.reactors()) {
            reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN,
                    () -> shutdowns.add(Thread.currentThread().getName()));
        }
        start();
        assertThat(group.isRunning()).isTrue();

        group.stop();
        runner.join(TimeUnit.SECONDS.toMillis(T));

        assertThat(runner.isAlive()).isFalse();
        assertThat(group.isRunning()).isFalse();
        assertThat(shutdowns).containsExactlyInAnyOrder("group", "twisted4j-reactor-1", "twisted4j-reactor-2");
    }

    @Test
    void oneMemberStoppingStopsTheGroup() throws Exception {
        group = group(2);
        start();

        group.reactor(1).stop();
        runner.join(TimeUnit.SECONDS.toMillis(T));

        assertThat(runner.isAlive()).isFalse();
        assertThat(group.reactors()).noneMatch(ReactorBackend::isRunning);
    }

    @Test
    void aGroupStoppedBeforeItRunsStopsAsSoonAsItStarts() throws Exception {
        group = group(2);
        group.stop();
        runner = Thread.ofPlatform().name("group").start(group::run);
        runner.join(TimeUnit.SECONDS.toMillis(T));

        assertThat(runner.isAlive()).isFalse();
    }

    @Test
    void callFromThreadRunsOnTheMembersOwnThread() throws Exception {
        group = group(2);
        start();
        List<String> threads = new ArrayList<>();
        for (ReactorBackend reactor : group.reactors()) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            reactor.callFromThread(() -> thread.complete(Thread.currentThread().getName()));
            threads.add(thread.get(T, TimeUnit.SECONDS));
        }
        assertThat(threads).containsExactly("group", "twisted4j-reactor-1");
    }

    @Test
    void nextGoesRoundTheMembersAndOfTellsTheFactoryEachIndex() {
        List<Integer> indexes = new ArrayList<>();
        group = ReactorGroup.of(3, index -> {
            indexes.add(index);
            return RunningReactor.newBackend();
        });
        assertThat(indexes).containsExactly(0, 1, 2);
        assertThat(List.of(group.next(), group.next(), group.next(), group.next()))
                .containsExactly(group.reactor(0), group.reactor(1), group.reactor(2), group.reactor(0));
        assertThat(ReactorGroup.defaultSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> ReactorGroup.nio(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupRunsOnce() throws Exception {
        group = group(1);
        start();
        assertThatThrownBy(group::run).isInstanceOf(ReactorAlreadyRunning.class);
    }
}
