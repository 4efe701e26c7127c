package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorBackend;

/**
 * What the native reactors' read and write path promises beyond core's transport tests: the reactor's thread
 * has Netty's fast thread-locals on while it runs (so Netty recycles its objects there) and off after, and
 * bytes a protocol writes to another connection while reading its own go out without waiting for anything
 * else to happen on that other connection, a read written back whole, again and in part, goes out as
 * written, and on epoll reads that nothing holds share the reactor's one view.
 */
class NativeHotPathTest {
    private static final long T = 30;

    @RegisterExtension
    final ReactorThread running = new ReactorThread(T);

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void theReactorThreadHasNettysFastThreadLocalsWhileItRuns(String backend) throws Exception {
        ReactorBackend reactor = Backends.require(backend);
        CompletableFuture<Boolean> whileRunning = new CompletableFuture<>();
        CompletableFuture<Boolean> afterwards = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            reactor.callWhenRunning(() -> {
                whileRunning.complete(FastThreadLocalThread.currentThreadHasFastThreadLocal());
                reactor.stop();
            });
            reactor.run();
            afterwards.complete(FastThreadLocalThread.currentThreadHasFastThreadLocal());
        });
        assertThat(whileRunning.get(T, TimeUnit.SECONDS)).isTrue();
        assertThat(afterwards.get(T, TimeUnit.SECONDS)).isFalse();
        runner.join();
    }

    /** Relays what each connection sends to the connection that came before it. */
    static final class Relay extends Protocol {
        final List<Relay> all;
        final List<CompletableFuture<Void>> made;

        Relay(List<Relay> all, List<CompletableFuture<Void>> made) {
            this.all = all;
            this.made = made;
        }

        @Override
        public void connectionMade() {
            all.add(this);
            made.get(all.size() - 1).complete(null);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            int index = all.indexOf(this);
            if (index > 0) {
                all.get(index - 1).transport().write(data);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            all.remove(this);
        }
    }

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void bytesWrittenToAnotherConnectionDuringAReadGoOut(String backend) throws Exception {
        ReactorBackend reactor = Backends.require(backend);
        List<Relay> relays = new ArrayList<>();
        List<CompletableFuture<Void>> made = List.of(new CompletableFuture<>(), new CompletableFuture<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        reactor.callWhenRunning(() -> {
            ListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(() -> new Relay(relays, made)), 50,
                    "127.0.0.1");
            port.complete(((IPv4Address) listening.getHost()).port());
        });
        Thread runner = Thread.ofPlatform().start(reactor::run);
        try (Socket first = new Socket(); Socket second = new Socket()) {
            first.connect(new InetSocketAddress("127.0.0.1", port.get(T, TimeUnit.SECONDS)));
            first.setSoTimeout((int) TimeUnit.SECONDS.toMillis(T));
            made.get(0).get(T, TimeUnit.SECONDS);
            second.connect(new InetSocketAddress("127.0.0.1", port.get()));
            made.get(1).get(T, TimeUnit.SECONDS);
            OutputStream out = second.getOutputStream();
            InputStream in = first.getInputStream();
            for (String message : List.of("one", "two", "three")) {
                out.write(message.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(in.readNBytes(message.length()), StandardCharsets.US_ASCII))
                        .isEqualTo(message);
            }
        } finally {
            reactor.callFromThread(reactor::stop);
            runner.join();
        }
    }

    /**
     * Writes back what it reads whole (the read buffer itself goes out), then whole again and its second half
     * (slices of the same buffer), and closes.
     */
    static final class EchoTwiceAndAHalf extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
            transport().write(data);
            data.position(data.position() + data.remaining() / 2);
            transport().write(data);
            transport().loseConnection();
        }
    }

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void aReadWrittenBackWholeTwiceThenInPartGoesOutAsWritten(String backend) throws Exception {
        ReactorBackend reactor = Backends.require(backend);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        reactor.callWhenRunning(() -> {
            ListeningPort listening = reactor.listenTCP(0, Factory.forProtocol(EchoTwiceAndAHalf::new), 50,
                    "127.0.0.1");
            port.complete(((IPv4Address) listening.getHost()).port());
        });
        Thread runner = Thread.ofPlatform().start(reactor::run);
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port.get(T, TimeUnit.SECONDS)));
            client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(T));
            client.getOutputStream().write("abcdefgh".getBytes(StandardCharsets.US_ASCII));
            String echoed = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String read = echoed.substring(0, echoed.length() * 2 / 5); // the first read: n + n + n - n / 2 bytes
            assertThat("abcdefgh").startsWith(read);
            assertThat(echoed).isEqualTo(read + read + read.substring(read.length() / 2));
        } finally {
            reactor.callFromThread(reactor::stop);
            runner.join();
        }
    }

    /** Answers each read with a copy of it, and keeps the views it was given (only to compare them). */
    static final class Copier extends Protocol {
        final List<ByteBuffer> views = new CopyOnWriteArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            views.add(data);
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(ByteBuffer.wrap(copy));
        }
    }

    @ParameterizedTest
    @MethodSource(Backends.NATIVE)
    void readsThatNothingHoldsShareTheReactorsViewOnEpoll(String backend) throws Exception {
        Copier server = new Copier();
        try (Socket client = running.serve(backend, server)) {
            for (String message : List.of("one", "two", "three")) {
                client.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(client.getInputStream().readNBytes(message.length()),
                        StandardCharsets.US_ASCII)).isEqualTo(message);
            }
        }
        List<ByteBuffer> views = server.views;
        assertThat(views).hasSize(3);
        if (backend.equals("epoll")) {
            assertThat(views).allSatisfy(view -> assertThat(view).isSameAs(views.getFirst()));
        } else { // io_uring's queued receives hold their buffers: each read is a view of its own
            assertThat(views.get(1)).isNotSameAs(views.get(0));
            assertThat(views.get(2)).isNotSameAs(views.get(1));
        }
    }
}
