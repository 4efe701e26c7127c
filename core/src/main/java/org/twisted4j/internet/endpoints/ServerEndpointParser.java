package org.twisted4j.internet.endpoints;

/**
 * Makes server endpoints for one description prefix, as Twisted's {@code IStreamServerEndpointStringParser}
 * plugins: how {@code ssl:443:privateKey=key.pem} or any other new type joins
 * {@link Endpoints#serverFromString}.
 *
 * <h2>Registering one</h2>
 * List the implementation as a {@link java.util.ServiceLoader} provider of this interface
 * ({@code provides ... with ...} in a module, or a {@code META-INF/services} file on the class path) to have
 * {@link EndpointParsers#standard()} find it, or add it to a registry with
 * {@link EndpointParsers#with(ServerEndpointParser)}. A provider needs a public no-argument constructor.
 * <pre>{@code
 * public final class EchoParser implements ServerEndpointParser {
 *     public String prefix() { return "echo"; }
 *     public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
 *         Map<String, String> args = description.bind("port");
 *         int port = description.port("port", description.required(args, "port"));
 *         return new EchoEndpoint(description.reactorAs(reactor, ReactorTCP.class), port);
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Implementations must be safe to call from any thread; the registry shares one instance.
 */
public interface ServerEndpointParser {

    /**
     * Returns the description prefix this parser handles, such as {@code "ssl"}; matched without regard to
     * case.
     */
    String prefix();

    /**
     * Makes the endpoint a description names.
     *
     * @param reactor the reactor given to {@code serverFromString}; check its type with
     *     {@link EndpointDescription#reactorAs}
     * @param description the description, taken apart; its prefix is this parser's
     * @return the endpoint
     * @throws IllegalArgumentException if the description's arguments are wrong or the reactor lacks what the
     *     endpoint needs; the message names the bad part
     */
    StreamServerEndpoint parse(Object reactor, EndpointDescription description);

    /**
     * Makes the endpoint a description names, with the registry that is parsing it at hand. A parser whose
     * description holds another one, as {@code haproxy:tcp:8080} holds {@code tcp:8080} in its
     * {@link EndpointDescription#rest()}, overrides this to parse the inner one with the same registry.
     *
     * @implSpec The default calls {@link #parse(Object, EndpointDescription)}.
     * @param reactor the reactor given to {@code serverFromString}
     * @param description the description, taken apart; its prefix is this parser's
     * @param parsers the registry parsing it
     * @return the endpoint
     * @throws IllegalArgumentException as {@link #parse(Object, EndpointDescription)}
     */
    default StreamServerEndpoint parse(Object reactor, EndpointDescription description, EndpointParsers parsers) {
        return parse(reactor, description);
    }
}
