package org.twisted4j.conch.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.conch.telnet.TelnetParserTest.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.StringTransport;

class TelnetTransportTest {

    /** An application that records what it is told. */
    static final class Application extends Protocol implements TelnetTerminalListener {
        final StringBuilder received = new StringBuilder();
        final List<String> events = new ArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            received.append(StandardCharsets.ISO_8859_1.decode(data));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost");
        }

        @Override
        public void windowSizeChanged(int columns, int rows) {
            events.add("size " + columns + "x" + rows);
        }

        @Override
        public void terminalTypeReceived(String type) {
            events.add("type " + type);
        }
    }

    final StringTransport transport = new StringTransport();
    final Application application = new Application();

    byte[] sent() {
        byte[] value = transport.value();
        transport.clear();
        return value;
    }

    @Test
    void aTerminalAsksForCharacterModeWindowSizeAndTerminalType() {
        TelnetTransport telnet = TelnetTransport.terminal(application);
        telnet.makeConnection(transport);
        assertThat(sent()).isEqualTo(bytes(255, 251, 1, 255, 251, 3, 255, 253, 3, 255, 253, 31, 255, 253, 24));
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 253, 1, 255, 253, 3, 255, 251, 3, 255, 251, 31,
                255, 250, 31, 0, 120, 0, 40, 255, 240, 255, 251, 24)));
        assertThat(sent()).isEqualTo(bytes(255, 250, 24, 1, 255, 240));
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 250, 24, 0, 'X', 'T', 'E', 'R', 'M', 255, 240)));
        assertThat(application.events).containsExactly("size 120x40", "type XTERM");
        assertThat(telnet.columns()).isEqualTo(120);
        assertThat(telnet.terminalType()).isEqualTo("XTERM");
        assertThat(telnet.isLocalEnabled(TelnetCodes.ECHO)).isTrue();
        assertThat(telnet.isRemoteEnabled(TelnetCodes.SGA)).isTrue();
    }

    @Test
    void aWindowSizeWithAnIacInItIsRead() {
        TelnetTransport telnet = TelnetTransport.terminal(application);
        telnet.makeConnection(transport);
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 251, 31, 255, 250, 31, 0, 255, 255, 0, 24, 255, 240)));
        assertThat(application.events).containsExactly("size 255x24");
    }

    @Test
    void aWindowSizeWithoutNawsOrOfTheWrongLengthIsIgnored() {
        TelnetTransport telnet = TelnetTransport.terminal(application);
        telnet.makeConnection(transport);
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 250, 31, 0, 80, 0, 24, 255, 240)));
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 251, 31, 255, 250, 31, 0, 80, 0, 255, 240)));
        assertThat(application.events).isEmpty();
    }

    @Test
    void aPlainTransportRefusesEveryOption() {
        TelnetTransport telnet = TelnetTransport.plain(application);
        telnet.makeConnection(transport);
        assertThat(sent()).isEmpty();
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 253, 1, 255, 251, 31, 255, 251, 34, 255, 253, 25)));
        assertThat(sent()).isEqualTo(bytes(255, 252, 1, 255, 254, 31, 255, 254, 34, 255, 252, 25));
    }

    @Test
    void applicationDataPassesBothWaysWithIacsDoubledAndNewlinesRead() {
        TelnetTransport telnet = TelnetTransport.plain(application);
        telnet.makeConnection(transport);
        telnet.dataReceived(ByteBuffer.wrap(bytes('h', 'i', '\r', '\n', 255, 255, 'x', '\r', 0)));
        assertThat(application.received.toString()).isEqualTo("hi\n\u00ffx\r");
        application.transport().write(bytes('a', 255, 'b'));
        assertThat(sent()).isEqualTo(bytes('a', 255, 255, 'b'));
        assertThat(application.transport().getPeer()).isEqualTo(transport.getPeer());
    }

    @Test
    void interruptReachesTheApplicationAsControlCAndAreYouThereIsAnswered() {
        TelnetTransport telnet = TelnetTransport.plain(application);
        telnet.makeConnection(transport);
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 244, 255, 246, 255, 241)));
        assertThat(application.received.toString()).isEqualTo("\u0003");
        assertThat(transport.valueAsString()).isEqualTo("\r\n[Yes]\r\n");
    }

    @Test
    void theApplicationHearsTheEnd() {
        TelnetTransport telnet = TelnetTransport.plain(application);
        telnet.makeConnection(transport);
        application.transport().loseConnection();
        assertThat(transport.isDisconnecting()).isTrue();
        telnet.connectionLost(new Failure(new ConnectionDone()));
        assertThat(application.events).containsExactly("lost");
    }

    @Test
    void aClientOffersItsSizeAndTypeAndAsksForRemoteEchoAndCharacterMode() {
        TelnetTransport client = TelnetTransport.client(application, "XTERM", 80, 24);
        client.makeConnection(transport);
        assertThat(sent()).isEqualTo(bytes(255, 251, 31, 255, 251, 24, 255, 253, 3, 255, 253, 1));
        // What our terminal server sends on connecting.
        client.dataReceived(ByteBuffer.wrap(bytes(255, 251, 1, 255, 251, 3, 255, 253, 3, 255, 253, 31, 255, 253, 24)));
        assertThat(sent()).isEqualTo(bytes(255, 251, 3, 255, 250, 31, 0, 80, 0, 24, 255, 240));
        client.dataReceived(ByteBuffer.wrap(bytes(255, 250, 24, 1, 255, 240)));
        assertThat(sent()).isEqualTo(bytes(255, 250, 24, 0, 'X', 'T', 'E', 'R', 'M', 255, 240));
        assertThat(client.isRemoteEnabled(TelnetCodes.ECHO)).isTrue();
        assertThat(client.isRemoteEnabled(TelnetCodes.SGA)).isTrue();
        assertThat(client.isLocalEnabled(TelnetCodes.SGA)).isTrue();
        assertThat(client.isLocalEnabled(TelnetCodes.NAWS)).isTrue();
        assertThat(client.isLocalEnabled(TelnetCodes.TTYPE)).isTrue();
    }

    @Test
    void aClientSendsANewWindowSizeWithItsIacsDoubled() {
        TelnetTransport client = TelnetTransport.client(application, "VT102", 80, 24);
        client.makeConnection(transport);
        client.windowSizeChanged(100, 30);
        sent();
        client.dataReceived(ByteBuffer.wrap(bytes(255, 253, 31)));
        assertThat(sent()).isEqualTo(bytes(255, 250, 31, 0, 100, 0, 30, 255, 240));
        client.windowSizeChanged(255, 300);
        assertThat(sent()).isEqualTo(bytes(255, 250, 31, 0, 255, 255, 1, 44, 255, 240));
    }

    @Test
    void aClientRefusesWhatItDoesNotSupportAndTakesRefusals() {
        TelnetTransport client = TelnetTransport.client(application, "VT102", 80, 24);
        client.makeConnection(transport);
        sent();
        client.dataReceived(ByteBuffer.wrap(bytes(255, 253, 34, 255, 251, 25, 255, 253, 1, 255, 252, 1,
                255, 254, 31, 255, 254, 24)));
        assertThat(sent()).isEqualTo(bytes(255, 252, 34, 255, 254, 25, 255, 252, 1));
        assertThat(client.isRemoteEnabled(TelnetCodes.ECHO)).isFalse();
        assertThat(client.isLocalEnabled(TelnetCodes.NAWS)).isFalse();
        // A type asked for while TTYPE is off is not sent.
        client.dataReceived(ByteBuffer.wrap(bytes(255, 250, 24, 1, 255, 240)));
        assertThat(sent()).isEmpty();
    }

    @Test
    void aClientCarriesDataBothWays() {
        TelnetTransport client = TelnetTransport.client(application, "VT102", 80, 24);
        client.makeConnection(transport);
        sent();
        client.dataReceived(ByteBuffer.wrap(bytes('h', 'i', 255, 255, '\r', 0)));
        assertThat(application.received.toString()).isEqualTo("hi\u00ff\r");
        client.write(ByteBuffer.wrap(bytes('a', 255, 'b')));
        assertThat(sent()).isEqualTo(bytes('a', 255, 255, 'b'));
    }

    @Test
    void aClientsTypeAndSizeAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TelnetTransport.client(application, "A B", 80, 24))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TelnetTransport.client(application, "X", 0, 24))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TelnetTransport.terminal(application)
                .windowSizeChanged(80, 24)).isInstanceOf(IllegalStateException.class);
    }
}
