package org.twisted4j.internet.endpoints;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/**
 * Endpoints from description strings, and connecting a protocol you already have, as the functions of
 * Twisted's {@code twisted.internet.endpoints}.
 *
 * <h2>Descriptions</h2>
 * A type prefix, then {@code :}-separated arguments, positional or {@code name=value} (see
 * {@link EndpointDescription} for escaping). Servers:
 * <ul>
 *   <li>{@code tcp:PORT:interface=ADDRESS:backlog=N} (positionally {@code tcp:PORT:ADDRESS:N}) —
 *       {@link TCP4ServerEndpoint}, every interface and the system's {@code somaxconn} as backlog by default;</li>
 *   <li>{@code tcp6:PORT:interface=ADDRESS:backlog=N} (positionally {@code tcp6:PORT:N:ADDRESS}) —
 *       {@link TCP6ServerEndpoint}, interface {@code ::} by default;</li>
 *   <li>{@code unix:PATH:mode=OCTAL:backlog=N:lockfile=0|1} — {@link UNIXServerEndpoint}, mode 666 and a
 *       lock file by default;</li>
 *   <li>{@code haproxy:DESCRIPTION}, such as {@code haproxy:tcp:8080} or {@code haproxy:ssl:8443:...} — the
 *       server {@code DESCRIPTION} names, behind a proxy that starts each connection with a PROXY protocol
 *       header (see {@link org.twisted4j.protocols.haproxy.HAProxyServerEndpoint}).</li>
 *   <li>{@code stdio:} — {@link StandardIOEndpoint}, the process's standard input and output.</li>
 * </ul>
 * Clients:
 * <ul>
 *   <li>{@code tcp:host=HOST:port=PORT:timeout=SECONDS:bindAddress=ADDRESS}, or {@code tcp:HOST:PORT:...} —
 *       {@link TCP4ClientEndpoint}, timeout 30 s by default;</li>
 *   <li>{@code tcp6:...} likewise — {@link TCP6ClientEndpoint};</li>
 *   <li>{@code unix:path=PATH:timeout=SECONDS:checkPID=0|1} ({@code lockfile} is the same as
 *       {@code checkPID}), or {@code unix:PATH:...} — {@link UNIXClientEndpoint};</li>
 *   <li>{@code stdio:} — {@link StandardIOEndpoint}.</li>
 * </ul>
 * More types come from {@link ServerEndpointParser} and {@link ClientEndpointParser} implementations; see
 * {@link EndpointParsers}.
 * <pre>{@code
 * Endpoints.serverFromString(reactor, "tcp:8080:interface=127.0.0.1").listen(factory);
 * Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:localhost:8080"), new Client());
 * }</pre>
 *
 * <h2>Errors</h2>
 * A description that cannot be used is an {@link IllegalArgumentException} whose message names the bad
 * part and quotes the description:
 * {@code unknown endpoint type 'tpc' in 'tpc:80'; known: haproxy, ssl, stdio, tcp, tcp6, unix},
 * {@code port 'abc' in 'tcp:abc' is not a number}, {@code unknown option 'bakclog' for tcp in
 * 'tcp:80:bakclog=5'; known: port, interface, backlog}, {@code missing port in 'tcp'}.
 *
 * <h2>Threading</h2>
 * Parsing is safe on any thread; {@link #connectProtocol} belongs to the reactor thread.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * Makes the server endpoint a description names, with the {@linkplain EndpointParsers#standard()
     * standard parsers}.
     *
     * @param reactor the reactor the endpoint will use, such as a {@code ReactorTCP} for {@code tcp}
     * @param description the description, such as {@code tcp:8080}
     * @return the endpoint
     * @throws IllegalArgumentException if the description is malformed, its type unknown, its arguments
     *     wrong, or the reactor lacks what the endpoint needs; the message names the bad part
     */
    public static StreamServerEndpoint serverFromString(Object reactor, String description) {
        return EndpointParsers.standard().server(reactor, description);
    }

    /**
     * Makes the client endpoint a description names, with the {@linkplain EndpointParsers#standard()
     * standard parsers}.
     *
     * @param reactor the reactor the endpoint will use, such as a {@code ReactorTCP} for {@code tcp}
     * @param description the description, such as {@code tcp:host=example.com:port=80}
     * @return the endpoint
     * @throws IllegalArgumentException if the description is malformed, its type unknown, its arguments
     *     wrong, or the reactor lacks what the endpoint needs; the message names the bad part
     */
    public static StreamClientEndpoint clientFromString(Object reactor, String description) {
        return EndpointParsers.standard().client(reactor, description);
    }

    /**
     * Escapes a value for a description, so that a colon, an equals sign or a backslash in it stays part of
     * it: {@code "tcp:80:interface=" + quoteStringArgument(address)}.
     *
     * @param argument the value
     * @return the value with {@code \}, {@code :} and {@code =} preceded by a backslash
     */
    public static String quoteStringArgument(String argument) {
        StringBuilder quoted = new StringBuilder(argument.length() + 8);
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\' || c == ':' || c == '=') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    /**
     * Connects a protocol you already have, rather than one a factory builds, as Twisted's
     * {@code connectProtocol}.
     *
     * <pre>{@code
     * Endpoints.connectProtocol(endpoint, new ChatClient("alice"))
     *     .addCallback(client -> client.say("hello"));
     * }</pre>
     *
     * @param endpoint where to connect
     * @param protocol the protocol to connect; used once
     * @param <P> the protocol's type
     * @return a Deferred that fires with {@code protocol} once it is connected, or fails as
     *     {@link StreamClientEndpoint#connect} does
     */
    public static <P extends Protocol> Deferred<P> connectProtocol(StreamClientEndpoint endpoint, P protocol) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(protocol, "protocol");
        Factory oneShot = new Factory() {
            @Override
            public @Nullable Protocol buildProtocol(Address peer) {
                return protocol;
            }
        };
        return endpoint.connect(oneShot).addCallback(connected -> protocol);
    }
}
