package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The client of {@link StartTlsServer}: connects in the clear, sends {@code STARTTLS}, waits for
 * {@code READY}, starts TLS as the client (checking the server's certificate), sends one line over TLS,
 * prints its echo and exits.
 *
 * <pre>
 * bin/run-example starttls-client [ENDPOINT [CA_PEM [SERVER_NAME [WORDS...]]]]
 * </pre>
 *
 * <p>{@code ENDPOINT} defaults to {@code tcp:host=127.0.0.1:port=8000}; the server's certificate must chain
 * to a certificate in {@code CA_PEM} (the platform's roots if it is not given, or given as {@code -}) and
 * name {@code SERVER_NAME} (default {@code localhost}).
 */
public final class StartTlsClient {

    private static final Logger LOG = new Logger("starttls-client");

    /** Asks for TLS, then sends its message and fires {@link #echoed()} with the line that comes back. */
    public static final class StartTlsLine extends LineReceiver {
        private final ClientTlsOptions options;
        private final String message;
        private final Deferred<String> echoed = new Deferred<>();
        private @Nullable TlsTransport tls;

        /**
         * Makes a client for one connection.
         *
         * @param options how to check the server, used once it has said {@code READY}
         * @param message the line to send over TLS, without its line ending
         */
        public StartTlsLine(ClientTlsOptions options, String message) {
            this.options = options;
            this.message = message;
        }

        /** Returns a Deferred that fires with the echoed line, or fails if the connection ends first. */
        public Deferred<String> echoed() {
            return echoed;
        }

        @Override
        public void connectionMade() {
            sendLine("STARTTLS");
        }

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, UTF_8);
            if (tls != null) {
                transport().loseConnection();
                echoed.callback(text);
            } else if (text.equals("READY") && transport() instanceof TlsUpgradable upgradable) {
                tls = upgradable.startTLS(options, true, ByteBuffer.wrap(clearLineBuffer()));
                tls.whenHandshakeDone().addCallbacks(StartTlsClient::logHandshake,
                        failure -> null); // a failed handshake also ends the connection: connectionLost reports it
                sendLine(message);                     // waits in the TLS layer until the handshake is done
            } else {
                transport().loseConnection();
                echoed.errback(new IllegalStateException("the server answered STARTTLS with '" + text + "'"));
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (!echoed.isCalled()) {
                echoed.errback(reason);
            }
        }
    }

    private StartTlsClient() {
    }

    private static @Nullable Void logHandshake(TlsHandshakeInfo info) {
        LOG.info("TLS started: {protocol}, {cipher}", "protocol", info.protocol(), "cipher", info.cipherSuite());
        return null;
    }

    /**
     * Connects to the endpoint {@code description}, switches to TLS and fires with the echo of {@code message}.
     * Reactor thread only.
     *
     * @param options how to check the server's certificate
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<String> echo(NioReactor reactor, String description, ClientTlsOptions options,
            String message) {
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, description),
                new StartTlsLine(options, message)).addCallbackDeferred(StartTlsLine::echoed);
    }

    /**
     * Sends one line over STARTTLS and prints the echo.
     *
     * @param args where to connect, the PEM file of certificates to trust, the server's name, the words to send
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : ExampleMain.DEFAULT_CLIENT;
        String trust = args.length > 1 ? args[1] : "-";
        String serverName = args.length > 2 ? args[2] : "localhost";
        String message = args.length > 3 ? String.join(" ", Arrays.copyOfRange(args, 3, args.length)) : "hello, TLS";
        ExampleMain.react("starttls-client", reactor -> {
            TrustRoot roots = trust.equals("-") ? TrustRoot.platform() : TrustRoot.fromPem(Path.of(trust));
            ClientTlsOptions options = ClientTlsOptions.optionsForClientTLS(serverName, roots, null, List.of());
            return echo(reactor, where, options, message).addCallback(line -> {
                System.out.println(line);
                return null;
            });
        });
    }
}
