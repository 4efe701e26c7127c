package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;

/**
 * A protocol callback that throws an error rather than an exception (a class that fails to load, say) drops its
 * connection and reaches {@code connectionLost}, as an exception does, on every backend. The native connections
 * once let such an error past them: it was logged by the loop and the connection stayed open, silent for ever.
 */
class CallbackErrorTest {
    private static final long T = 30;

    @RegisterExtension
    final ReactorThread running = new ReactorThread(T);

    /** Fails in connectionMade as a missing class would. */
    static final class Server extends Protocol {
        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            throw new NoClassDefFoundError("org/twisted4j/example/Missing");
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.ALL)
    void anErrorThrownByConnectionMadeDropsTheConnection(String backend) throws Exception {
        Server server = new Server();
        try (Socket socket = running.serve(backend, server)) {
            assertThat(endOfStreamOrReset(socket)).as("the connection was dropped").isTrue();
        }
        assertThat(server.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(NoClassDefFoundError.class);
    }

    /** Returns true once the server has closed or reset the connection; a timeout fails the test. */
    private static boolean endOfStreamOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
