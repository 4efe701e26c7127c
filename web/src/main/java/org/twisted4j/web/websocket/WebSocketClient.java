package org.twisted4j.web.websocket;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.HostnameEndpoint;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.TlsClientEndpoint;
import org.twisted4j.internet.ssl.ClientTlsOptions;

/**
 * Opens WebSocket connections as a client (RFC 6455 section 4.1): connects over TCP, or TLS for
 * {@code wss://}, sends the upgrade request with a random key, checks the server's answer, and hands the
 * connection to the handler. The client's frames are masked with keys from a {@link SecureRandom}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * WebSocketClient.connect(reactor, URI.create("wss://example.com/chat"), new ChatHandler(),
 *                 WebSocketOptions.defaults())
 *         .addCallback(connection -> { connection.sendText("hi"); return null; });
 * }</pre>
 *
 * <p>The Deferred fires with the connection after the handler's {@code onOpen}, or fails with a
 * {@link WebSocketHandshakeError} (or the connection error, such as a refused connection). Cancelling it before
 * it fires abandons the attempt and closes the connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class WebSocketClient {

    private WebSocketClient() {
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} address, checking a server's certificate against the
     * platform's trust store.
     *
     * @param reactor the reactor to connect with and time the close handshake on
     * @param uri where to connect: scheme {@code ws} or {@code wss}, host, optional port, path and query
     * @param handler the application's side of the connection
     * @param options limits, permessage-deflate and the subprotocols to offer
     * @param <R> the reactor's type
     * @return a Deferred of the open connection
     * @throws IllegalArgumentException if the address is not a WebSocket address
     */
    public static <R extends ReactorTCP & ReactorTime & ReactorThreads> Deferred<WebSocketConnection> connect(
            R reactor, URI uri, WebSocketHandler handler, WebSocketOptions options) {
        checkUri(uri);
        int port = uri.getPort() < 0 ? defaultPort(uri) : uri.getPort();
        StreamClientEndpoint endpoint = new HostnameEndpoint(reactor, uri.getHost(), port);
        if (isSecure(uri)) {
            endpoint = new TlsClientEndpoint(ClientTlsOptions.optionsForClientTLS(uri.getHost()), endpoint);
        }
        return connect(endpoint, reactor, uri, handler, options);
    }

    /**
     * Connects through a given endpoint, such as a {@link TlsClientEndpoint} with particular trust roots or a
     * client certificate; {@code uri} then only gives the request's host, path and query.
     *
     * @param endpoint makes the connection, with TLS already under it for {@code wss}
     * @param clock times the close handshake
     * @param uri the address: scheme {@code ws} or {@code wss}, host, optional port, path and query
     * @param handler the application's side of the connection
     * @param options limits, permessage-deflate and the subprotocols to offer
     * @return a Deferred of the open connection
     * @throws IllegalArgumentException if the address is not a WebSocket address
     */
    public static Deferred<WebSocketConnection> connect(StreamClientEndpoint endpoint, ReactorTime clock, URI uri,
            WebSocketHandler handler, WebSocketOptions options) {
        checkUri(uri);
        Objects.requireNonNull(handler, "handler");
        Attempt attempt = new Attempt();
        Deferred<WebSocketConnection> result = new Deferred<>(cancelled -> attempt.cancel());
        ClientHandshake handshake = new ClientHandshake(uri, handler, options, clock, new SecureRandom(), result);
        attempt.handshake = handshake;
        Deferred<ClientHandshake> connecting = Endpoints.connectProtocol(endpoint, handshake);
        attempt.connecting = connecting;
        connecting.addCallback(connected -> {
            attempt.connected = true;
            return connected;
        }).addErrback(failure -> {
            if (!result.isCalled()) {
                result.errback(failure);
            }
            return handshake;
        });
        return result;
    }

    /** The port of the address's scheme: 443 for {@code wss}, 80 for {@code ws}. */
    static int defaultPort(URI uri) {
        return isSecure(uri) ? 443 : 80;
    }

    private static boolean isSecure(URI uri) {
        return "wss".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    private static void checkUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("not a ws:// or wss:// address: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket address has no fragment: " + uri);
        }
    }

    /** The state of one attempt, for cancelling it. */
    private static final class Attempt {
        @Nullable ClientHandshake handshake;
        @Nullable Deferred<ClientHandshake> connecting;
        boolean connected;

        void cancel() {
            Deferred<ClientHandshake> pending = connecting;
            ClientHandshake started = handshake;
            if (connected && started != null) {
                started.cancel();
            } else if (pending != null) {
                pending.cancel();
            }
        }
    }
}
