package org.twisted4j.testing.protocols.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.haproxy.ProxyHeaders.ascii;
import static org.twisted4j.testing.protocols.haproxy.ProxyHeaders.concat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.haproxy.HAProxyWrappingFactory;
import org.twisted4j.protocols.haproxy.ProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyTlv;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.StringTransport;

/** The PROXY header under a protocol, on StringTransport and Clock. */
class HAProxyWrappingFactoryTest {

    private static final IPv4Address CLIENT = new IPv4Address(AddressType.TCP, "192.0.2.1", 56324);
    private static final IPv4Address PROXY = new IPv4Address(AddressType.TCP, "198.51.100.2", 443);

    private final List<AccumulatingProtocol> built = new ArrayList<>();
    private final Factory accumulating = Factory.forProtocol(() -> {
        AccumulatingProtocol protocol = new AccumulatingProtocol();
        built.add(protocol);
        return protocol;
    });
    private final Clock clock = new Clock();
    private final HAProxyWrappingFactory factory = new HAProxyWrappingFactory(accumulating, clock);

    /** A connection from the proxy, as the reactor would make it. */
    private record Connection(ProtocolWrapper wrapper, StringTransport transport, AccumulatingProtocol wrapped) {
        void receive(byte[] bytes, int from, int to) {
            wrapper.dataReceived(ByteBuffer.wrap(bytes, from, to - from).slice());
        }
    }

    private Connection accept() {
        ProtocolWrapper wrapper = factory.buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        wrapper.makeConnection(transport);
        return new Connection(wrapper, transport, built.getLast());
    }

    @Test
    void theWrappedProtocolIsConnectedAfterTheHeaderAndSeesTheClientHoweverTheBytesAreSplit() {
        ProxyHeader header = ProxyHeader.v2(CLIENT, PROXY, new ProxyTlv(ProxyTlv.ALPN, ascii("h2")));
        for (byte[] headerBytes : List.of(header.encodeV2(), new ProxyHeader(1, ProxyHeader.Command.PROXY, CLIENT,
                PROXY, List.of()).encodeV1())) {
            byte[] input = concat(headerBytes, ascii("GET / HTTP/1.1\r\n"));
            for (int cut = 0; cut <= input.length; cut++) {
                Connection connection = accept();
                connection.receive(input, 0, cut);
                assertThat(connection.wrapped().isMade()).as("cut %d", cut).isEqualTo(cut >= headerBytes.length);
                connection.receive(input, cut, input.length);
                assertThat(connection.wrapped().isMade()).isTrue();
                assertThat(connection.wrapped().dataAsString()).isEqualTo("GET / HTTP/1.1\r\n");
                Protocol wrapped = connection.wrapped();
                assertThat(wrapped.transport().getPeer()).isEqualTo(CLIENT);
                assertThat(wrapped.transport().getHost()).isEqualTo(PROXY);
                assertThat(ProxyHeader.of(wrapped.transport()).source()).isEqualTo(CLIENT);
                assertThat(connection.transport().isDisconnecting()).isFalse();
            }
        }
        assertThat(ProxyHeader.of(built.getFirst().transport()).alpn()).isEqualTo("h2");
        assertThat(factory.protocols()).hasSize(built.size());
    }

    @Test
    void aLocalHeaderKeepsTheRealPeer() {
        Connection connection = accept();
        connection.wrapper().dataReceived(ByteBuffer.wrap(new ProxyHeader(2, ProxyHeader.Command.LOCAL, CLIENT, PROXY,
                List.of()).encodeV2()));
        AccumulatingProtocol wrapped = connection.wrapped();
        assertThat(wrapped.isMade()).isTrue();
        assertThat(wrapped.transport().getPeer()).isEqualTo(StringTransport.DEFAULT_PEER);
        assertThat(wrapped.transport().getHost()).isEqualTo(StringTransport.DEFAULT_HOST);
        assertThat(ProxyHeader.of(wrapped.transport()).command()).isEqualTo(ProxyHeader.Command.LOCAL);
    }

    @Test
    void aConnectionWithoutAValidHeaderIsAbortedAndTheWrappedProtocolNeverHearsOfIt() {
        for (String bad : List.of("GET / HTTP/1.1\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1 99999\r\nGET", "\r\n\r\n\0\r\nQUIT\n\u0031")) {
            Connection connection = accept();
            connection.wrapper().dataReceived(ByteBuffer.wrap(bad.getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(connection.transport().isAborted()).as(bad).isTrue();
            connection.wrapper().dataReceived(ByteBuffer.wrap(ascii("more")));
            connection.wrapper().connectionLost(new Failure(new ConnectionDone()));
            assertThat(connection.wrapped().isMade()).isFalse();
            assertThat(connection.wrapped().isClosed()).isFalse();
            assertThat(connection.transport().value()).isEmpty();
        }
        assertThat(factory.protocols()).isEmpty();
    }

    @Test
    void aConnectionThatSendsNoHeaderInTimeIsAborted() {
        Connection silent = accept();
        Connection slow = accept();
        slow.wrapper().dataReceived(ByteBuffer.wrap(ascii("PROXY TCP6 ")));
        Connection prompt = accept();
        prompt.wrapper().dataReceived(ByteBuffer.wrap(ascii("PROXY UNKNOWN\r\n")));
        clock.advance(HAProxyWrappingFactory.DEFAULT_HEADER_TIMEOUT - 0.001);
        assertThat(silent.transport().isAborted()).isFalse();
        clock.advance(0.001);
        assertThat(silent.transport().isAborted()).isTrue();
        assertThat(slow.transport().isAborted()).isTrue();
        assertThat(prompt.transport().isAborted()).isFalse();
        assertThat(prompt.wrapped().transport().getPeer()).isEqualTo(StringTransport.DEFAULT_PEER);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void aProtocolThatClosesOnConnectionGetsNoneOfTheBytesAfterTheHeader() {
        List<String> received = new ArrayList<>();
        HAProxyWrappingFactory closing = new HAProxyWrappingFactory(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().loseConnection();
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                received.add(StandardCharsets.US_ASCII.decode(data).toString());
            }
        }));
        ProtocolWrapper wrapper = closing.buildProtocol(StringTransport.DEFAULT_PEER);
        StringTransport transport = new StringTransport();
        wrapper.makeConnection(transport);
        wrapper.dataReceived(ByteBuffer.wrap(ascii("PROXY TCP6 ::1 ::2 1 2\r\nQUIT\r\n")));
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(received).isEmpty();
        assertThat(wrapper.getPeer()).isEqualTo(new IPv6Address(AddressType.TCP, "0:0:0:0:0:0:0:1", 1));
    }

    @Test
    void theLengthLimitAppliesToEachConnection() {
        factory.setMaxHeaderLength(107);
        Connection connection = accept();
        connection.wrapper().dataReceived(ByteBuffer.wrap(ProxyHeader.v2(CLIENT, PROXY,
                new ProxyTlv(ProxyTlv.NOOP, new byte[80])).encodeV2()));
        assertThat(connection.transport().isAborted()).isTrue();
    }
}
