package org.twisted4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.Bytes.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.ConnectionAborted;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Protocol;

class StringTransportWithDisconnectionTest {

    /** Answers "bye" and hangs up when it receives "quit". */
    private static final class Quitter extends Protocol {
        int losses;

        @Override
        public void dataReceived(ByteBuffer data) {
            if (StandardCharsets.US_ASCII.decode(data).toString().equals("quit")) {
                transport().write("bye".getBytes(StandardCharsets.US_ASCII));
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(org.twisted4j.defer.Failure reason) {
            losses++;
        }
    }

    private static StringTransportWithDisconnection connect(Protocol protocol) {
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        return transport;
    }

    @Test
    void loseConnectionTellsTheProtocolTheConnectionIsDone() {
        AccumulatingProtocol protocol = new AccumulatingProtocol();
        StringTransportWithDisconnection transport = connect(protocol);

        transport.loseConnection();

        assertThat(transport.isConnected()).isFalse();
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(protocol.closedReason()).isNotNull();
        assertThat(protocol.closedReason().value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void protocolClosingItselfIsToldOnceAfterItsLastWrite() {
        Quitter protocol = new Quitter();
        StringTransportWithDisconnection transport = connect(protocol);

        protocol.dataReceived(ascii("quit"));
        transport.loseConnection();

        assertThat(transport.valueAsString()).isEqualTo("bye");
        assertThat(protocol.losses).isEqualTo(1);
    }

    @Test
    void abortConnectionTellsTheProtocolItWasAborted() {
        AccumulatingProtocol protocol = new AccumulatingProtocol();
        StringTransportWithDisconnection transport = connect(protocol);

        transport.abortConnection();

        assertThat(transport.isAborted()).isTrue();
        assertThat(protocol.closedReason().value()).isInstanceOf(ConnectionAborted.class);
    }

    @Test
    void closingWithoutAProtocolIsAnErrorAndChangesNothing() {
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();

        assertThatThrownBy(transport::loseConnection).isInstanceOf(IllegalStateException.class);
        assertThat(transport.isConnected()).isTrue();
        assertThat(transport.isDisconnecting()).isFalse();
    }
}
