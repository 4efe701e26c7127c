package org.twisted4j.internet.endpoints;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.twisted4j.logger.Logger;

/**
 * The parsers behind {@link Endpoints#serverFromString} and {@link Endpoints#clientFromString}, by prefix:
 * core's own ({@code tcp}, {@code tcp6}, {@code unix}, {@code stdio}, {@code ssl} and {@code tls} for TLS,
 * {@code haproxy} for the PROXY protocol) and any more that are added.
 *
 * <pre>{@code
 * EndpointParsers parsers = EndpointParsers.standard().with(new EchoParser());
 * StreamServerEndpoint endpoint = parsers.server(reactor, "echo:7");
 * }</pre>
 * {@link #standard()} also holds the parsers found with {@link ServiceLoader}; a found parser whose prefix
 * is already taken, or that cannot be loaded, is skipped with a warning. {@link #with} replaces a parser of the same prefix.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class EndpointParsers {

    private static final Logger LOG = Logger.forClass(EndpointParsers.class);

    private final Map<String, ServerEndpointParser> servers;
    private final Map<String, ClientEndpointParser> clients;

    private EndpointParsers(Map<String, ServerEndpointParser> servers, Map<String, ClientEndpointParser> clients) {
        this.servers = Collections.unmodifiableMap(servers);
        this.clients = Collections.unmodifiableMap(clients);
    }

    /**
     * Returns core's own parsers only: {@code tcp}, {@code tcp6}, {@code unix}, {@code stdio} and
     * {@code ssl}, server and client, and the {@code tls} client.
     */
    public static EndpointParsers builtIn() {
        Map<String, ServerEndpointParser> servers = new LinkedHashMap<>();
        BuiltInParsers.servers().forEach(parser -> servers.put(key(parser.prefix()), parser));
        Map<String, ClientEndpointParser> clients = new LinkedHashMap<>();
        BuiltInParsers.clients().forEach(parser -> clients.put(key(parser.prefix()), parser));
        return new EndpointParsers(servers, clients);
    }

    /**
     * Returns core's own parsers and those the {@link ServiceLoader} finds, loaded once, the first time this
     * is called.
     */
    public static EndpointParsers standard() {
        return Standard.PARSERS;
    }

    private static final class Standard {
        static final EndpointParsers PARSERS = discover();
    }

    private static EndpointParsers discover() {
        EndpointParsers builtIn = builtIn();
        Map<String, ServerEndpointParser> servers = new LinkedHashMap<>(builtIn.servers);
        load(ServerEndpointParser.class, servers, ServerEndpointParser::prefix);
        Map<String, ClientEndpointParser> clients = new LinkedHashMap<>(builtIn.clients);
        load(ClientEndpointParser.class, clients, ClientEndpointParser::prefix);
        return new EndpointParsers(servers, clients);
    }

    /** Adds the providers of {@code type} the service loader finds; one that cannot be loaded is logged and skipped. */
    private static <P> void load(Class<P> type, Map<String, P> parsers, Function<P, String> prefix) {
        Iterator<P> found = ServiceLoader.load(type).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    return;
                }
                P parser = found.next();
                addFound(parsers, prefix.apply(parser), parser);
            } catch (ServiceConfigurationError e) {
                LOG.warn("endpoint parser skipped: {error}", "error", e.getMessage());
            }
        }
    }

    private static <P> void addFound(Map<String, P> parsers, String prefix, P parser) {
        P existing = parsers.putIfAbsent(key(prefix), parser);
        if (existing != null) {
            LOG.warn("endpoint parser {parser} for prefix {prefix} skipped: {existing} has that prefix",
                    "parser", parser.getClass().getName(), "prefix", prefix, "existing", existing.getClass().getName());
        }
    }

    /**
     * Returns these parsers with {@code parser} added, replacing any server parser of the same prefix.
     *
     * @param parser the parser to add
     * @return a new registry
     */
    public EndpointParsers with(ServerEndpointParser parser) {
        Map<String, ServerEndpointParser> more = new LinkedHashMap<>(servers);
        more.put(key(parser.prefix()), parser);
        return new EndpointParsers(more, clients);
    }

    /**
     * Returns these parsers with {@code parser} added, replacing any client parser of the same prefix.
     *
     * @param parser the parser to add
     * @return a new registry
     */
    public EndpointParsers with(ClientEndpointParser parser) {
        Map<String, ClientEndpointParser> more = new LinkedHashMap<>(clients);
        more.put(key(parser.prefix()), parser);
        return new EndpointParsers(servers, more);
    }

    /**
     * Makes the server endpoint {@code description} names.
     *
     * @param reactor the reactor the endpoint will use; it must implement what the endpoint type needs, such
     *     as {@code ReactorTCP} for {@code tcp}
     * @param description the description, such as {@code tcp:8080:interface=127.0.0.1}
     * @return the endpoint
     * @throws IllegalArgumentException if the description is malformed, its type unknown, its arguments
     *     wrong, or the reactor lacks what the endpoint needs; the message names the bad part
     */
    public StreamServerEndpoint server(Object reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        EndpointDescription parsed = EndpointDescription.parse(description);
        ServerEndpointParser parser = servers.get(parsed.prefix());
        if (parser == null) {
            throw unknownType(description, servers.keySet());
        }
        return Objects.requireNonNull(parser.parse(reactor, parsed, this), () -> parser + " returned no endpoint");
    }

    /**
     * Makes the client endpoint {@code description} names.
     *
     * @param reactor the reactor the endpoint will use; it must implement what the endpoint type needs, such
     *     as {@code ReactorTCP} for {@code tcp}
     * @param description the description, such as {@code tcp:host=example.com:port=80}
     * @return the endpoint
     * @throws IllegalArgumentException if the description is malformed, its type unknown, its arguments
     *     wrong, or the reactor lacks what the endpoint needs; the message names the bad part
     */
    public StreamClientEndpoint client(Object reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        EndpointDescription parsed = EndpointDescription.parse(description);
        ClientEndpointParser parser = clients.get(parsed.prefix());
        if (parser == null) {
            throw unknownType(description, clients.keySet());
        }
        return Objects.requireNonNull(parser.parse(reactor, parsed), () -> parser + " returned no endpoint");
    }

    /** Returns the prefixes of the server parsers, in lower case. */
    public Set<String> serverPrefixes() {
        return servers.keySet();
    }

    /** Returns the prefixes of the client parsers, in lower case. */
    public Set<String> clientPrefixes() {
        return clients.keySet();
    }

    private static IllegalArgumentException unknownType(String description, Set<String> known) {
        String type = description.substring(0, EndpointDescription.typeEnd(description));
        return new IllegalArgumentException("unknown endpoint type '" + type + "' in '" + description + "'; known: "
                + String.join(", ", new TreeSet<>(known)));
    }

    private static String key(String prefix) {
        return prefix.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "EndpointParsers[servers=" + servers.keySet() + ", clients=" + clients.keySet() + "]";
    }
}
