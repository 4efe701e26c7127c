package org.twisted4j.testing.protocols.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.policies.Connections.connect;
import static org.twisted4j.testing.protocols.policies.Connections.peer;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Protocol;
import org.twisted4j.protocols.policies.LimitConnectionsByPeer;
import org.twisted4j.protocols.policies.LimitTotalConnectionsFactory;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.testing.StringTransportWithDisconnection;
import org.twisted4j.testing.protocols.policies.Connections.Echo;
import org.twisted4j.testing.protocols.policies.Connections.Echoes;

class ConnectionLimitsTest {

    private final Echoes echoes = new Echoes();

    /** Says it is too busy and closes. */
    static final class TooBusy extends Protocol {
        @Override
        public void connectionMade() {
            transport().write("busy\r\n".getBytes(StandardCharsets.US_ASCII));
            transport().loseConnection();
        }
    }

    @Test
    void eachPeerHostGetsAtMostItsLimitWhateverThePort() {
        LimitConnectionsByPeer factory = new LimitConnectionsByPeer(echoes);
        factory.setMaxConnectionsPerPeer(2);
        StringTransportWithDisconnection first = connect(factory.buildProtocol(peer("10.0.0.2", 1000)));
        connect(factory.buildProtocol(peer("10.0.0.2", 1001)));
        assertThat(factory.buildProtocol(peer("10.0.0.2", 1002))).isNull();
        assertThat(factory.connectionsFrom(peer("10.0.0.2", 1))).isEqualTo(2);

        assertThat(factory.buildProtocol(peer("10.0.0.3", 1000))).isNotNull();

        first.loseConnection();
        assertThat(factory.connectionsFrom(peer("10.0.0.2", 1))).isEqualTo(1);
        assertThat(factory.protocols()).hasSize(1);
        assertThat(factory.buildProtocol(peer("10.0.0.2", 1003))).isNotNull();
    }

    @Test
    void perPeerLimitDefaultsToFive() {
        LimitConnectionsByPeer factory = new LimitConnectionsByPeer(echoes);
        for (int i = 0; i < 5; i++) {
            assertThat(factory.buildProtocol(peer("10.0.0.2", i))).isNotNull();
        }
        assertThat(factory.buildProtocol(peer("10.0.0.2", 5))).isNull();
    }

    @Test
    void perPeerRefusalByTheWrappedFactoryCountsNothing() {
        LimitConnectionsByPeer factory = new LimitConnectionsByPeer(echoes);
        echoes.refuse = true;
        assertThat(factory.buildProtocol(peer("10.0.0.2", 1))).isNull();
        assertThat(factory.connectionsFrom(peer("10.0.0.2", 1))).isZero();
    }

    @Test
    void totalLimitWithoutOverflowProtocolRefusesUntilOneCloses() {
        LimitTotalConnectionsFactory factory = new LimitTotalConnectionsFactory(echoes);
        factory.setConnectionLimit(2);
        StringTransportWithDisconnection first = connect(factory.buildProtocol(peer("10.0.0.2", 1)));
        connect(factory.buildProtocol(peer("10.0.0.3", 1)));
        assertThat(factory.buildProtocol(peer("10.0.0.4", 1))).isNull();
        first.loseConnection();
        assertThat(factory.connectionCount()).isEqualTo(1);
        assertThat(factory.buildProtocol(peer("10.0.0.4", 1))).isNotNull();
    }

    @Test
    void totalLimitGivesConnectionsBeyondItTheOverflowProtocol() {
        LimitTotalConnectionsFactory factory = new LimitTotalConnectionsFactory(echoes);
        factory.setConnectionLimit(1);
        factory.setOverflowProtocol(TooBusy::new);
        ProtocolWrapper regular = factory.buildProtocol(peer("10.0.0.2", 1));
        connect(regular);
        assertThat(regular.wrappedProtocol()).isInstanceOf(Echo.class);

        ProtocolWrapper overflow = factory.buildProtocol(peer("10.0.0.3", 1));
        assertThat(overflow.wrappedProtocol()).isInstanceOf(TooBusy.class);
        assertThat(factory.connectionCount()).isEqualTo(2);
        StringTransportWithDisconnection busy = connect(overflow);
        assertThat(busy.valueAsString()).isEqualTo("busy\r\n");
        assertThat(busy.isConnected()).isFalse();
        assertThat(factory.connectionCount()).isEqualTo(1);
        assertThat(echoes.built).hasSize(1);
    }

    @Test
    void totalLimitIsUnlimitedByDefault() {
        LimitTotalConnectionsFactory factory = new LimitTotalConnectionsFactory(echoes);
        for (int i = 0; i < 100; i++) {
            connect(factory.buildProtocol(peer("10.0.0.2", i)));
        }
        assertThat(factory.connectionCount()).isEqualTo(100);
    }
}
