package org.twisted4j.testing.endpoints;

import java.util.Map;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.ClientEndpointParser;
import org.twisted4j.internet.endpoints.EndpointDescription;
import org.twisted4j.internet.endpoints.ServerEndpointParser;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;

/** Endpoint parsers listed in this module's test {@code META-INF/services}, as a plugin would list its own. */
final class ExampleParsers {
    private ExampleParsers() {
    }

    /** What an example endpoint was made from. */
    record Example(Object reactor, Map<String, String> arguments) implements StreamServerEndpoint,
            StreamClientEndpoint {
        @Override
        public Deferred<ListeningPort> listen(Factory factory) {
            return Deferred.fail(new UnsupportedOperationException("example endpoints do not listen"));
        }

        @Override
        public Deferred<Protocol> connect(Factory factory) {
            return Deferred.fail(new UnsupportedOperationException("example endpoints do not connect"));
        }
    }

    /** {@code example:PORT:greeting=TEXT}. */
    public static final class Server implements ServerEndpointParser {
        /** Creates the parser; the service loader calls this. */
        public Server() {
        }

        @Override
        public String prefix() {
            return "example";
        }

        @Override
        public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = description.bind("port", "greeting");
            description.port("port", description.required(args, "port"));
            return new Example(reactor, args);
        }
    }

    /** {@code example:HOST:PORT}. */
    public static final class Client implements ClientEndpointParser {
        /** Creates the parser; the service loader calls this. */
        public Client() {
        }

        @Override
        public String prefix() {
            return "example";
        }

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            return new Example(reactor, description.bind("host", "port"));
        }
    }
}
