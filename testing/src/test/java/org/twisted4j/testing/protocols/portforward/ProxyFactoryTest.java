package org.twisted4j.testing.protocols.portforward;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.protocols.portforward.ProxyFactory;
import org.twisted4j.protocols.portforward.ProxyProtocol;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransportWithDisconnection;

class ProxyFactoryTest {

    private static final IPv4Address DESTINATION = new IPv4Address(AddressType.TCP, "10.1.2.3", 25);

    private final MemoryReactor reactor = new MemoryReactor();
    private final ProxyFactory factory = new ProxyFactory(reactor, "10.1.2.3", 25);
    private final StringTransportWithDisconnection incoming = new StringTransportWithDisconnection();
    private final StringTransportWithDisconnection outgoing = new StringTransportWithDisconnection();
    private ProxyProtocol server = accept();

    private ProxyProtocol accept() {
        ProxyProtocol built = (ProxyProtocol) factory.buildProtocol(incoming.getPeer());
        incoming.setProtocol(built);
        built.makeConnection(incoming);
        return built;
    }

    private ProxyProtocol connectOutgoing() {
        Protocol client = reactor.tcpClients().get(0).factory().buildProtocol(DESTINATION);
        outgoing.setProtocol(client);
        client.makeConnection(outgoing);
        return (ProxyProtocol) client;
    }

    private static ByteBuffer text(String value) {
        return ByteBuffer.wrap(value.getBytes(ISO_8859_1));
    }

    @Test
    void acceptedConnectionStopsReadingAndConnectsToTheDestinationThroughTheGivenReactor() {
        assertThat(incoming.producerState()).isEqualTo(ProducerState.PAUSED);
        assertThat(reactor.tcpClients()).singleElement().satisfies(c -> {
            assertThat(c.host()).isEqualTo("10.1.2.3");
            assertThat(c.port()).isEqualTo(25);
        });
    }

    @Test
    void onceConnectedBytesFlowBothWaysIncludingThoseThatArrivedEarly() {
        server.dataReceived(text("early "));
        ProxyProtocol client = connectOutgoing();
        assertThat(incoming.producerState()).isEqualTo(ProducerState.PRODUCING);
        assertThat(outgoing.producerState()).isEqualTo(ProducerState.PRODUCING);
        server.dataReceived(text("hello"));
        client.dataReceived(text("world"));
        assertThat(outgoing.valueAsString()).isEqualTo("early hello");
        assertThat(incoming.valueAsString()).isEqualTo("world");
        assertThat(server.peer()).isSameAs(client);
        assertThat(server.bytesRelayed()).isEqualTo(11);
        assertThat(client.bytesRelayed()).isEqualTo(5);
    }

    @Test
    void eachSideRegistersAStreamingProducerThatPausesAndResumesTheOtherSidesReading() {
        ProxyProtocol client = connectOutgoing();
        assertThat(incoming.isStreaming()).isTrue();
        assertThat(outgoing.isStreaming()).isTrue();

        PushProducer regulatingIncomingReads = (PushProducer) outgoing.producer();
        regulatingIncomingReads.pauseProducing();
        assertThat(incoming.producerState()).isEqualTo(ProducerState.PAUSED);
        assertThat(outgoing.producerState()).isEqualTo(ProducerState.PRODUCING);
        server.dataReceived(text("overshoot"));
        regulatingIncomingReads.resumeProducing();
        assertThat(incoming.producerState()).isEqualTo(ProducerState.PRODUCING);
        assertThat(server.pauses()).isEqualTo(1);
        assertThat(server.maxBytesRelayedWhilePaused()).isEqualTo(9);

        ((PushProducer) incoming.producer()).pauseProducing();
        assertThat(outgoing.producerState()).isEqualTo(ProducerState.PAUSED);
        assertThat(client.pauses()).isEqualTo(1);
    }

    @Test
    void closingOneSideUnregistersFromTheOtherAndClosesItAfterItsBufferedBytes() {
        ProxyProtocol client = connectOutgoing();
        client.dataReceived(text("last words"));
        outgoing.loseConnection();
        assertThat(incoming.producer()).isNull();
        assertThat(incoming.isConnected()).isFalse();
        assertThat(incoming.valueAsString()).isEqualTo("last words");
        assertThat(server.isLost()).isTrue();
    }

    @Test
    void closingTheIncomingSideClosesTheOutgoingSide() {
        connectOutgoing();
        incoming.loseConnection();
        assertThat(outgoing.producer()).isNull();
        assertThat(outgoing.isConnected()).isFalse();
    }

    @Test
    void failedOutgoingConnectionClosesTheIncomingOne() {
        reactor.tcpClients().get(0).connector().failConnection(new ConnectionRefusedError(DESTINATION));
        assertThat(incoming.isConnected()).isFalse();
    }

    @Test
    void incomingSideLeavingBeforeTheOutgoingConnectionCallsItOffAndClosesALateConnection() {
        incoming.loseConnection();
        assertThat(reactor.tcpClients().get(0).connector().isDisconnected()).isTrue();
        connectOutgoing();
        assertThat(outgoing.isConnected()).isFalse();
    }

    @Test
    void joiningAnEndTwiceIsRefused() {
        ProxyProtocol client = connectOutgoing();
        assertThatThrownBy(() -> server.relayTo(client)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badDestinationsAreRefused() {
        assertThatThrownBy(() -> new ProxyFactory(reactor, "h", 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyFactory(reactor, "h", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(factory.host()).isEqualTo("10.1.2.3");
        assertThat(factory.port()).isEqualTo(25);
    }
}
