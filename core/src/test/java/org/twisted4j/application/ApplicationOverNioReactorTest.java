package org.twisted4j.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.endpoints.Endpoints;

/** An application on a real reactor and a real socket on 127.0.0.1, waiting on events, never on time. */
class ApplicationOverNioReactorTest {
    private static final long TIMEOUT_SECONDS = 60;

    /** Writes back whatever arrives. */
    private static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(ByteBuffer.wrap(copy));
        }
    }

    /** A service whose stop finishes only when the test says so. */
    private static final class SlowToStop extends AbstractService {
        final CompletableFuture<Deferred<@Nullable Void>> stopping = new CompletableFuture<>();

        @Override
        public Deferred<@Nullable Void> stopService() {
            super.stopService();
            Deferred<@Nullable Void> finished = new Deferred<>();
            stopping.complete(finished);
            return finished;
        }
    }

    @Test
    void applicationListensWhenTheReactorStartsAndReactorShutdownWaitsForItsStop() throws Exception {
        NioReactor reactor = new NioReactor();
        Application app = new Application("echo");
        StreamServerEndpointService server = new StreamServerEndpointService(
                Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1"), Factory.forProtocol(Echo::new));
        server.setRaiseSynchronously(true);
        server.setServiceParent(app);
        SlowToStop slow = new SlowToStop();
        slow.setServiceParent(app);
        CompletableFuture<@Nullable Object> started = new CompletableFuture<>();
        Services.startApplication(reactor, app).addBoth(started::complete);
        CompletableFuture<Void> shutdownWentOn = new CompletableFuture<>();
        reactor.addSystemEventTrigger(ReactorCore.Phase.DURING, ReactorCore.SHUTDOWN,
                () -> shutdownWentOn.complete(null));

        Thread thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        try {
            assertThat(started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isNull();
            ListeningPort port = reactor.blockingCallFromThread(server::whenListening);
            int number = ((IPv4Address) port.getHost()).port();

            try (Socket client = new Socket("127.0.0.1", number)) {
                client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                OutputStream out = client.getOutputStream();
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
            }

            reactor.stop();
            Deferred<@Nullable Void> slowStop = slow.stopping.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(shutdownWentOn).as("shutdown waits for the application's stop").isNotDone();
            assertThat(thread.isAlive()).isTrue();

            reactor.callFromThread(() -> slowStop.callback(null));
            shutdownWentOn.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            if (reactor.isRunning()) {
                try {
                    reactor.stop();
                } catch (RuntimeException alreadyStopping) {
                    // stopped above
                }
            }
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        }
        assertThat(thread.isAlive()).as("the reactor thread ended").isFalse();
        assertThat(app.isRunning()).isFalse();
        assertThat(server.isRunning()).isFalse();
        assertThat(server.listeningPort()).isNull();
    }

    @Test
    void portThatCannotBeOpenedFailsStartupWithTheReasonAndStopsTheReactor() throws Exception {
        NioReactor reactor = new NioReactor();
        Application app = new Application("clash");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            StreamServerEndpointService server = new StreamServerEndpointService(
                    Endpoints.serverFromString(reactor, "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1"),
                    Factory.forProtocol(Echo::new));
            server.setRaiseSynchronously(true);
            server.setServiceParent(app);
            CompletableFuture<@Nullable Object> started = new CompletableFuture<>();
            Services.startApplication(reactor, app).addBoth(started::complete);

            Thread thread = Thread.ofPlatform().name("reactor").start(reactor::run);
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));

            assertThat(thread.isAlive()).as("the reactor stopped by itself").isFalse();
            assertThat(started).isDone();
            assertThat(started.get()).isInstanceOfSatisfying(Failure.class,
                    f -> assertThat(f.value()).isInstanceOf(CannotListenError.class));
        }
    }
}
