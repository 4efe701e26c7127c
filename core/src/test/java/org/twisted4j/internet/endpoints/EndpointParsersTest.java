package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;

class EndpointParsersTest {
    private final UnusedReactor reactor = new UnusedReactor();

    /** An endpoint type that records what it was given. */
    private record Recorded(Object reactor, Map<String, String> arguments) implements StreamServerEndpoint,
            StreamClientEndpoint {
        @Override
        public Deferred<ListeningPort> listen(Factory factory) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Deferred<Protocol> connect(Factory factory) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class SslServer implements ServerEndpointParser {
        @Override
        public String prefix() {
            return "SSL";
        }

        @Override
        public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
            return new Recorded(reactor, description.bind("port", "privateKey", "certKey"));
        }
    }

    private static final class TlsClient implements ClientEndpointParser {
        @Override
        public String prefix() {
            return "tls";
        }

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            return new Recorded(reactor, description.bind("host", "port"));
        }
    }

    @Test
    void builtInParsersCoverTcpTcp6AndUnix() {
        EndpointParsers parsers = EndpointParsers.builtIn();

        assertThat(parsers.serverPrefixes()).containsExactly("tcp", "tcp6", "unix");
        assertThat(parsers.clientPrefixes()).containsExactly("tcp", "tcp6", "unix");
    }

    @Test
    void addedServerParserHandlesItsPrefixInAnyCase() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new SslServer());

        StreamServerEndpoint endpoint = parsers.server(reactor, "ssl:443:privateKey=k.pem:certKey=C\\:/c.pem");

        assertThat(endpoint).isEqualTo(new Recorded(reactor,
                Map.of("port", "443", "privateKey", "k.pem", "certKey", "C:/c.pem")));
        assertThat(parsers.server(reactor, "SSL:1")).isInstanceOf(Recorded.class);
    }

    @Test
    void addedParsersJoinTheKnownTypesInErrors() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new SslServer()).with(new TlsClient());

        assertThatThrownBy(() -> parsers.server(reactor, "sll:443"))
                .hasMessage("unknown endpoint type 'sll' in 'sll:443'; known: ssl, tcp, tcp6, unix");
        assertThatThrownBy(() -> parsers.client(reactor, "tsl:h:443"))
                .hasMessage("unknown endpoint type 'tsl' in 'tsl:h:443'; known: tcp, tcp6, tls, unix");
    }

    @Test
    void addedClientParserIsNotAServerParser() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new TlsClient());

        assertThat(parsers.client(reactor, "tls:example.com:443"))
                .isEqualTo(new Recorded(reactor, Map.of("host", "example.com", "port", "443")));
        assertThatThrownBy(() -> parsers.server(reactor, "tls:443"))
                .hasMessageStartingWith("unknown endpoint type 'tls'");
    }

    @Test
    void addedParserReplacesOneWithTheSamePrefix() {
        ServerEndpointParser ownTcp = new ServerEndpointParser() {
            @Override
            public String prefix() {
                return "tcp";
            }

            @Override
            public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
                return new Recorded(reactor, Map.of("positional", String.join(",", description.positional())));
            }
        };

        StreamServerEndpoint endpoint = EndpointParsers.builtIn().with(ownTcp).server(reactor, "tcp:1:2");

        assertThat(endpoint).isEqualTo(new Recorded(reactor, Map.of("positional", "1,2")));
    }

    @Test
    void registriesAreImmutable() {
        EndpointParsers builtIn = EndpointParsers.builtIn();
        builtIn.with(new SslServer());

        assertThat(builtIn.serverPrefixes()).doesNotContain("ssl");
        assertThatThrownBy(() -> builtIn.serverPrefixes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void standardParsersIncludeTheBuiltInOnes() {
        assertThat(EndpointParsers.standard().serverPrefixes()).containsAll(List.of("tcp", "tcp6", "unix"));
        assertThat(EndpointParsers.standard().clientPrefixes()).containsAll(List.of("tcp", "tcp6", "unix"));
    }
}
