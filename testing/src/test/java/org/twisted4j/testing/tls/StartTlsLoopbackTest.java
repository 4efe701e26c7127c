package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.tls.TlsAware;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.LoopbackTransport;

/** STARTTLS over the in-memory {@link LoopbackTransport}, where the pump joins what one end wrote. */
class StartTlsLoopbackTest {

    /** A line protocol that switches to TLS on {@code STARTTLS} and echoes lines once encrypted. */
    static class Server extends LineReceiver implements TlsAware {
        final List<String> lines = new ArrayList<>();
        final TlsOptions options;
        Failure lost;
        int early = -1;
        /** Says nothing in the clear: no GO, no echo before TLS. */
        boolean quiet;
        boolean encrypted;

        Server(TlsOptions options) {
            this.options = options;
        }

        @Override
        protected void lineReceived(byte[] line) {
            String text = new String(line, StandardCharsets.US_ASCII);
            lines.add(text);
            if (text.equals("STARTTLS")) {
                if (!quiet) {
                    sendLine("GO".getBytes(StandardCharsets.US_ASCII));
                }
                byte[] rest = clearLineBuffer();
                early = rest.length;
                encrypted = true;
                ((TlsUpgradable) transport()).startTLS(options, false, ByteBuffer.wrap(rest));
            } else if (encrypted || !quiet) {
                sendLine(("ECHO " + text).getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void handshakeCompleted(TlsHandshakeInfo info) {
            lines.add("[" + info.protocol() + "]");
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }
    }

    @Test
    void aClientThatSendsItsHelloWithTheCommandIsUnderstood() throws Exception {
        Server server = new Server(TestTls.server());
        server.quiet = true;
        TlsOptions clientOptions = TestTls.client();
        Recorder client = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(Recorder.ascii("plain\r\nSTARTTLS\r\n"));
                // Without waiting for a reply: the hello goes in the same delivery as the command.
                ((TlsUpgradable) transport()).startTLS(clientOptions, true);
                transport().write(Recorder.ascii("secret\r\n"));
            }
        };
        IOPump pump = IOPump.connectedLoopback(server, client);

        assertThat(server.early).as("TLS bytes that came with STARTTLS").isPositive();
        assertThat(server.lines).containsExactly("plain", "STARTTLS", "[TLSv1.3]", "secret");
        assertThat(client.text()).isEqualTo("ECHO secret\r\n");
        client.transport().loseConnection();
        pump.flush();
        assertThat(server.lost.value()).isInstanceOf(ConnectionDone.class);
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void bothEndsSwitchAfterTheReplyAndTalkInOrder() throws Exception {
        Server server = new Server(TestTls.server());
        TlsOptions clientOptions = TestTls.client();
        List<String> clientLines = new ArrayList<>();
        LineReceiver client = new LineReceiver() {
            @Override
            public void connectionMade() {
                sendLine(Recorder.ascii("plain"));
                sendLine(Recorder.ascii("STARTTLS"));
            }

            @Override
            protected void lineReceived(byte[] line) {
                String text = new String(line, StandardCharsets.US_ASCII);
                clientLines.add(text);
                if (text.equals("GO")) {
                    ((TlsUpgradable) transport()).startTLS(clientOptions, true, ByteBuffer.wrap(clearLineBuffer()));
                    sendLine(Recorder.ascii("secret"));
                } else if (text.equals("ECHO secret")) {
                    transport().loseConnection();
                }
            }
        };
        IOPump pump = IOPump.connectedLoopback(server, client);
        pump.flush();

        assertThat(server.lines).containsExactly("plain", "STARTTLS", "[TLSv1.3]", "secret");
        assertThat(clientLines).containsExactly("ECHO plain", "GO", "ECHO secret");
        assertThat(server.lost.value()).isInstanceOf(ConnectionDone.class);
        assertThat(pump.serverTransport().isDisconnected()).isTrue();
        assertThatThrownBy(() -> ((TlsUpgradable) client.transport()).startTLS(clientOptions, true))
                .isInstanceOf(IllegalStateException.class);
    }
}
