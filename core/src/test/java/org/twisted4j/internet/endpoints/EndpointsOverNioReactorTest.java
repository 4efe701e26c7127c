package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;

/** Endpoints on a real reactor and real sockets on 127.0.0.1, waiting on events, never on time. */
class EndpointsOverNioReactorTest {
    private static final long TIMEOUT_SECONDS = 60;

    private final NioReactor reactor = new NioReactor();
    private Thread thread = Thread.currentThread();

    /** Writes back whatever arrives. */
    private static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(ByteBuffer.wrap(copy));
        }
    }

    /** Sends a greeting once connected and completes with what comes back. */
    private static final class Greeter extends Protocol {
        final CompletableFuture<String> reply = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            transport().write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            reply.complete(StandardCharsets.US_ASCII.decode(data).toString());
            transport().loseConnection();
        }
    }

    @BeforeEach
    void start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        reactor.callWhenRunning(() -> started.complete(null));
        thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        started.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void stop() throws InterruptedException {
        reactor.stop();
        thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(thread.isAlive()).as("the reactor thread ended").isFalse();
    }

    /** Runs {@code call} on the reactor thread and waits for its outcome, a Deferred's if it returns one. */
    private <T> T onReactor(Callable<?> call) throws Exception {
        return reactor.blockingCallFromThread(call);
    }

    private ListeningPort listenOnAnyPort() throws Exception {
        return onReactor(() -> Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1")
                .listen(Factory.forProtocol(Echo::new)));
    }

    @Test
    void listeningOnPortZeroGetsAFreePortThatAClientEndpointReaches() throws Exception {
        ListeningPort port = listenOnAnyPort();
        int number = ((IPv4Address) port.getHost()).port();
        Greeter greeter = new Greeter();

        Greeter connected = onReactor(() -> Endpoints.connectProtocol(
                Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + number), greeter));

        assertThat(number).isPositive();
        assertThat(connected).isSameAs(greeter);
        assertThat(greeter.reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello");
        onReactor(port::stopListening);
    }

    @Test
    void hostnameEndpointResolvesLocalhostOffTheReactorThreadAndConnects() throws Exception {
        ListeningPort port = listenOnAnyPort();
        int number = ((IPv4Address) port.getHost()).port();
        Greeter greeter = new Greeter();

        onReactor(() -> Endpoints.connectProtocol(new HostnameEndpoint(reactor, "localhost", number), greeter));

        assertThat(greeter.reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello");
        onReactor(port::stopListening);
    }

    @Test
    void refusedConnectionFailsTheDeferred() throws Exception {
        ListeningPort port = listenOnAnyPort();
        int number = ((IPv4Address) port.getHost()).port();
        onReactor(port::stopListening);

        Object outcome = onReactor(() -> new TCP4ClientEndpoint(reactor, "127.0.0.1", number)
                .connect(Factory.forProtocol(Greeter::new))
                .addErrback(failure -> {
                    failure.trap(ConnectionRefusedError.class);
                    return null;
                })
                .addCallback(protocol -> protocol == null ? "refused" : "connected"));

        assertThat(outcome).isEqualTo("refused");
    }

    @Test
    void listeningOnATakenPortFailsTheDeferredWithCannotListen() throws Exception {
        ListeningPort port = listenOnAnyPort();
        int number = ((IPv4Address) port.getHost()).port();

        Object outcome = onReactor(() -> {
            Deferred<ListeningPort> second = new TCP4ServerEndpoint(reactor, number, 50, "127.0.0.1")
                    .listen(Factory.forProtocol(Echo::new));
            return second.addCallbacks(listening -> "listening", failure -> failure.type().getSimpleName());
        });

        assertThat(outcome).isEqualTo(CannotListenError.class.getSimpleName());
        onReactor(port::stopListening);
    }
}
