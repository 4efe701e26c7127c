package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * The echo client: connects, sends one line, prints the line that comes back, and exits.
 *
 * <pre>
 * bin/run-example echo-client [ENDPOINT [WORDS...]]   # tcp:host=127.0.0.1:port=8000, "hello, world"
 * </pre>
 */
public final class EchoClient {

    /** Sends its message as a line and fires {@link #echoed()} with the first line it gets back. */
    public static final class SendOneLine extends LineReceiver {
        private final String message;
        private final Deferred<String> echoed = new Deferred<>();

        /**
         * Makes a client for one connection.
         *
         * @param message the line to send, without its line ending
         */
        public SendOneLine(String message) {
            this.message = message;
        }

        /** Returns a Deferred that fires with the first line received, or fails if the connection ends first. */
        public Deferred<String> echoed() {
            return echoed;
        }

        @Override
        public void connectionMade() {
            sendLine(message);
        }

        @Override
        protected void lineReceived(byte[] line) {
            transport().loseConnection();
            echoed.callback(new String(line, UTF_8));
        }

        @Override
        public void connectionLost(Failure reason) {
            if (!echoed.isCalled()) {
                echoed.errback(reason);
            }
        }
    }

    private EchoClient() {
    }

    /**
     * Connects to the endpoint {@code description}, sends {@code message} and fires with the line that
     * comes back. Reactor thread only.
     *
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<String> echo(NioReactor reactor, String description, String message) {
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, description), new SendOneLine(message))
                .addCallbackDeferred(SendOneLine::echoed);
    }

    /**
     * Sends one line and prints the echo.
     *
     * @param args where to connect, an endpoint description, then the words to send
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : ExampleMain.DEFAULT_CLIENT;
        String message = args.length > 1 ? String.join(" ", Arrays.copyOfRange(args, 1, args.length)) : "hello, world";
        ExampleMain.react("echo-client", reactor -> echo(reactor, where, message).addCallback(line -> {
            System.out.println(line);
            return null;
        }));
    }
}
