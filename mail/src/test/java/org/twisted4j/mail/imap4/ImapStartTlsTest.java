package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.tls.TlsTransport;
import org.twisted4j.testing.StringTransport;

class ImapStartTlsTest {

    /** A StringTransport that records the switch to TLS. */
    static final class UpgradableTransport extends StringTransport implements TlsUpgradable {
        @Nullable TlsOptions started;
        String writtenBeforeTls = "";

        @Override
        public @Nullable TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
            started = options;
            writtenBeforeTls = valueAsString();
            return null;
        }
    }

    private final TlsOptions tlsOptions = (host, port) -> {
        throw new UnsupportedOperationException();
    };
    private final ImapServerFactory factory = new ImapServerFactory(new Clock(), ImapServerTest.portal(new MemoryAccount()));

    private static String ask(ImapServer server, StringTransport transport, String text) {
        server.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    private ImapServer connect(StringTransport transport) {
        ImapServer server = (ImapServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        return server;
    }

    @Test
    void requiredTlsDisablesLoginUntilStartTls() {
        factory.setTlsOptions(tlsOptions);
        factory.setRequireTls(true);
        UpgradableTransport transport = new UpgradableTransport();
        ImapServer server = connect(transport);
        String before = ImapServer.BASE_CAPABILITIES + " STARTTLS LOGINDISABLED";
        assertThat(ask(server, transport, "")).isEqualTo("* OK [CAPABILITY " + before + "] twisted4j IMAP4rev1 server ready\r\n");
        assertThat(ask(server, transport, "a LOGIN alice secret\r\nb AUTHENTICATE PLAIN\r\n"))
                .isEqualTo("a NO [PRIVACYREQUIRED] Use STARTTLS first\r\nb NO [PRIVACYREQUIRED] Use STARTTLS first\r\n");
        assertThat(ask(server, transport, "c STARTTLS\r\n")).isEqualTo("c OK Begin TLS negotiation now\r\n");
        assertThat(transport.started).isSameAs(tlsOptions);
        assertThat(transport.writtenBeforeTls).isEqualTo("c OK Begin TLS negotiation now\r\n");
        assertThat(ask(server, transport, "d CAPABILITY\r\n")).isEqualTo("* CAPABILITY " + ImapServer.CAPABILITIES
                + "\r\nd OK CAPABILITY completed\r\n");
        assertThat(ask(server, transport, "e STARTTLS\r\nf LOGIN alice secret\r\n"))
                .isEqualTo("e NO STARTTLS not available\r\nf OK [CAPABILITY " + ImapServer.CAPABILITIES + "] Logged in\r\n");
    }

    @Test
    void commandsPipelinedAfterStartTlsCloseTheConnection() {
        factory.setTlsOptions(tlsOptions);
        UpgradableTransport transport = new UpgradableTransport();
        ImapServer server = connect(transport);
        assertThat(ask(server, transport, "")).contains(" STARTTLS AUTH=PLAIN");
        assertThat(ask(server, transport, "c STARTTLS\r\nd LOGIN alice secret\r\n"))
                .isEqualTo("c BAD Command pipelined after STARTTLS\r\n");
        assertThat(transport.started).isNull();
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void withoutACertificateStartTlsIsNotOffered() {
        StringTransport transport = new StringTransport();
        ImapServer server = connect(transport);
        assertThat(ask(server, transport, "")).doesNotContain("STARTTLS");
        assertThat(ask(server, transport, "c STARTTLS\r\n")).isEqualTo("c NO STARTTLS not available\r\n");
    }
}
