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
import org.twisted4j.protocols.haproxy.HAProxyServerEndpoint;

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
            return "QUIC";
        }

        @Override
        public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
            return new Recorded(reactor, description.bind("port", "privateKey", "certKey"));
        }
    }

    private static final class TlsClient implements ClientEndpointParser {
        @Override
        public String prefix() {
            return "dtls";
        }

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            return new Recorded(reactor, description.bind("host", "port"));
        }
    }

    @Test
    void builtInParsersCoverTcpTcp6UnixTlsAndHAProxy() {
        EndpointParsers parsers = EndpointParsers.builtIn();

        assertThat(parsers.serverPrefixes()).containsExactlyInAnyOrder("tcp", "tcp6", "unix", "ssl", "stdio",
                "haproxy");
        assertThat(parsers.clientPrefixes()).containsExactlyInAnyOrder("tcp", "tcp6", "unix", "ssl", "tls", "stdio");
    }

    @Test
    void addedServerParserHandlesItsPrefixInAnyCase() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new SslServer());

        StreamServerEndpoint endpoint = parsers.server(reactor, "quic:443:privateKey=k.pem:certKey=C\\:/c.pem");

        assertThat(endpoint).isEqualTo(new Recorded(reactor,
                Map.of("port", "443", "privateKey", "k.pem", "certKey", "C:/c.pem")));
        assertThat(parsers.server(reactor, "QUIC:1")).isInstanceOf(Recorded.class);
    }

    @Test
    void haproxyWrapsAnyServerDescriptionItsRegistryKnows() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new SslServer());

        StreamServerEndpoint endpoint = parsers.server(reactor, "haproxy:quic:443:certKey=C\\:/c.pem");

        assertThat(endpoint).isInstanceOfSatisfying(HAProxyServerEndpoint.class, proxied -> assertThat(proxied.wrapped())
                .isEqualTo(new Recorded(reactor, Map.of("port", "443", "certKey", "C:/c.pem"))));
        assertThat(((HAProxyServerEndpoint) parsers.server(reactor, "HAPROXY:tcp:80")).wrapped())
                .isInstanceOf(TCP4ServerEndpoint.class);
        assertThatThrownBy(() -> parsers.server(reactor, "haproxy"))
                .hasMessage("missing the endpoint to read PROXY headers on, such as haproxy:tcp:8080, in 'haproxy'");
        assertThatThrownBy(() -> parsers.server(reactor, "haproxy:tcp:abc"))
                .hasMessage("port 'abc' in 'tcp:abc' is not a number, in 'haproxy:tcp:abc'");
        assertThatThrownBy(() -> parsers.server(reactor, "haproxy:tpc:80")).hasMessage(
                "unknown endpoint type 'tpc' in 'tpc:80'; known: haproxy, quic, ssl, stdio, tcp, tcp6, unix, in 'haproxy:tpc:80'");
    }

    @Test
    void addedParsersJoinTheKnownTypesInErrors() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new SslServer()).with(new TlsClient());

        assertThatThrownBy(() -> parsers.server(reactor, "qiuc:443"))
                .hasMessage("unknown endpoint type 'qiuc' in 'qiuc:443'; known: haproxy, quic, ssl, stdio, tcp, tcp6, unix");
        assertThatThrownBy(() -> parsers.client(reactor, "tsl:h:443"))
                .hasMessage("unknown endpoint type 'tsl' in 'tsl:h:443'; known: dtls, ssl, stdio, tcp, tcp6, tls, unix");
    }

    @Test
    void addedClientParserIsNotAServerParser() {
        EndpointParsers parsers = EndpointParsers.builtIn().with(new TlsClient());

        assertThat(parsers.client(reactor, "dtls:example.com:443"))
                .isEqualTo(new Recorded(reactor, Map.of("host", "example.com", "port", "443")));
        assertThatThrownBy(() -> parsers.server(reactor, "dtls:443"))
                .hasMessageStartingWith("unknown endpoint type 'dtls'");
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

        assertThat(builtIn.serverPrefixes()).doesNotContain("quic");
        assertThatThrownBy(() -> builtIn.serverPrefixes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void standardParsersIncludeTheBuiltInOnes() {
        assertThat(EndpointParsers.standard().serverPrefixes()).containsAll(List.of("tcp", "tcp6", "unix"));
        assertThat(EndpointParsers.standard().clientPrefixes()).containsAll(List.of("tcp", "tcp6", "unix"));
    }
}
