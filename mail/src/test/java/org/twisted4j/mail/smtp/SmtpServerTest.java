package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.tls.TlsTransport;
import org.twisted4j.testing.StringTransport;

class SmtpServerTest {

    private final Clock clock = new Clock();
    private final RecordingDelivery delivery = new RecordingDelivery();
    private SmtpServerFactory factory = new SmtpServerFactory(clock, "mx.test");
    private StringTransport transport = new StringTransport();
    private SmtpServer server;

    @BeforeEach
    void connect() {
        factory.setDelivery(delivery);
    }

    private void start() {
        server = (SmtpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        assertThat(take()).isEqualTo("220 mx.test ESMTP twisted4j ready\r\n");
    }

    private void send(String text) {
        server.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    private String take() {
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    private void ehlo() {
        send("EHLO client.test\r\n");
        take();
    }

    @Test
    void ehloListsTheExtensions() {
        start();
        send("EHLO client.test\r\n");
        assertThat(take()).isEqualTo("250-mx.test Hello client.test, nice to meet you\r\n250-PIPELINING\r\n"
                + "250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250-SIZE 10485760\r\n250-CHUNKING\r\n"
                + "250 HELP\r\n");
    }

    @Test
    void heloRepliesWithoutEnhancedCodes() {
        start();
        send("HELO client.test\r\nNOOP\r\nVRFY bob\r\n");
        assertThat(take()).isEqualTo("250 mx.test Hello client.test, nice to meet you\r\n250 OK\r\n"
                + "252 Cannot VRFY user, but will accept message and attempt delivery\r\n");
    }

    @Test
    void aWholeTransactionDeliversTheUnstuffedMessage() {
        start();
        ehlo();
        send("MAIL FROM:<alice@a.test>\r\nRCPT TO:<bob@b.test>\r\nDATA\r\n");
        assertThat(take()).isEqualTo("250 2.1.0 Sender <alice@a.test> OK\r\n250 2.1.5 Recipient <bob@b.test> OK\r\n"
                + "354 Start mail input; end with <CRLF>.<CRLF>\r\n");
        send("Subject: hi\r\n\r\n..dot\r\n.\r\nQUIT\r\n");
        assertThat(take()).isEqualTo("250 2.0.0 Message accepted for delivery\r\n221 2.0.0 mx.test closing connection\r\n");
        assertThat(delivery.messages).containsExactly("Subject: hi\r\n\r\n.dot\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void pipelinedRepliesComeInCommandOrderWhileDeliveryIsPending() {
        delivery.holdAnswers = true;
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nRCPT TO:<c@b.test>\r\nDATA\r\nbody\r\n.\r\nNOOP\r\n");
        assertThat(take()).isEmpty();
        delivery.fireNext();
        assertThat(take()).isEqualTo("250 2.1.0 Sender <a@a.test> OK\r\n");
        delivery.fireNext();
        assertThat(take()).isEqualTo("250 2.1.5 Recipient <b@b.test> OK\r\n");
        delivery.fireNext();
        assertThat(take()).isEqualTo("250 2.1.5 Recipient <c@b.test> OK\r\n"
                + "354 Start mail input; end with <CRLF>.<CRLF>\r\n250 2.0.0 Message accepted for delivery\r\n"
                + "250 2.0.0 OK\r\n");
        assertThat(delivery.messages).containsExactly("body\r\n", "body\r\n");
    }

    @Test
    void theReplyToDataWaitsForTheMessageToBeStored() {
        delivery.holdStores = true;
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\nx\r\n.\r\nNOOP\r\n");
        assertThat(take()).doesNotContain("Message accepted").doesNotContain("250 2.0.0 OK");
        delivery.stores.removeFirst().callback(null);
        assertThat(take()).isEqualTo("250 2.0.0 Message accepted for delivery\r\n250 2.0.0 OK\r\n");
    }

    @Test
    void aFailedStoreIs451NeverOk() {
        delivery.holdStores = true;
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\nx\r\n.\r\n");
        take();
        delivery.stores.removeFirst().errback(new java.io.IOException("disk full"));
        assertThat(take()).isEqualTo("451 4.3.0 Requested action aborted: local error in processing\r\n");
    }

    @Test
    void refusedSenderAndRecipientGetTheDeliverysReply() {
        start();
        ehlo();
        send("MAIL FROM:<spammer@a.test>\r\nMAIL FROM:<a@a.test>\r\nRCPT TO:<nobody@b.test>\r\nDATA\r\n");
        assertThat(take()).isEqualTo("550 5.7.1 Go away\r\n250 2.1.0 Sender <a@a.test> OK\r\n"
                + "550 5.1.1 No such user\r\n503 5.5.1 Need RCPT command\r\n");
    }

    @Test
    void aDeclaredSizeTooBigIsRefusedAtMail() {
        factory.setMaxMessageSize(100);
        start();
        ehlo();
        send("MAIL FROM:<a@a.test> SIZE=101\r\nMAIL FROM:<a@a.test> SIZE=100 BODY=8BITMIME\r\n");
        assertThat(take()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n"
                + "250 2.1.0 Sender <a@a.test> OK\r\n");
    }

    @Test
    void aMessageGrowingPastTheLimitIsRefusedAtItsEnd() {
        factory.setMaxMessageSize(10);
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\n");
        take();
        send("0123456789\r\n.\r\nNOOP\r\n");
        assertThat(take()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n250 2.0.0 OK\r\n");
        assertThat(delivery.messages).isEmpty();
        assertThat(delivery.lost).isEqualTo(1);
    }

    @Test
    void aLineTooLongIs500AndNotBuffered() {
        start();
        ehlo();
        send("NOOP " + "x".repeat(5000));
        send("y".repeat(5000) + "\r\nNOOP\r\n");
        assertThat(take()).isEqualTo("500 5.5.2 Line too long\r\n250 2.0.0 OK\r\n");
    }

    @Test
    void aDataLineTooLongRefusesTheMessage() {
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\n");
        take();
        send("x".repeat(999) + "\r\n.\r\n");
        assertThat(take()).isEqualTo("500 5.5.2 Line too long\r\n");
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\n");
        take();
        send("x".repeat(998) + "\r\n.\r\n");
        assertThat(take()).isEqualTo("250 2.0.0 Message accepted for delivery\r\n");
    }

    @Test
    void aBareLfNeverEndsTheDataAndRefusesTheMessage() {
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\n");
        take();
        send("x\n.\nMAIL FROM:<evil@a.test>\r\n.\r\n");
        assertThat(take()).isEqualTo("554 5.6.0 Message contains a bare LF; lines end with CRLF\r\n");
        assertThat(delivery.senders).extracting(MailAddress::localPart).containsExactly("a");
        assertThat(delivery.messages).isEmpty();
    }

    @Test
    void tooManyRecipientsIs452() {
        factory.setMaxRecipients(2);
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nRCPT TO:<c@b.test>\r\nRCPT TO:<d@b.test>\r\n");
        assertThat(take()).endsWith("250 2.1.5 Recipient <c@b.test> OK\r\n452 4.5.3 Too many recipients\r\n");
    }

    @Test
    void badSyntaxIs5xxAndTheConnectionGoesOn() {
        start();
        ehlo();
        send("MAIL FROM:<a@@a>\r\nMAIL TO:<a@a.test>\r\nFOO\r\nRCPT TO:<b@b.test>\r\nMAIL\0\r\nNOOP\r\n");
        assertThat(take()).isEqualTo("553 5.1.3 A domain label begins and ends with a letter or digit\r\n"
                + "501 5.5.2 Syntax: FROM:<address>\r\n500 5.5.1 Command not recognized\r\n"
                + "503 5.5.1 Need MAIL before RCPT\r\n500 5.5.2 Control character in command\r\n250 2.0.0 OK\r\n");
    }

    @Test
    void idleConnectionsGet421() {
        start();
        clock.advance(SmtpServerFactory.DEFAULT_TIMEOUT - 1);
        send("NOOP\r\n");
        take();
        clock.advance(SmtpServerFactory.DEFAULT_TIMEOUT - 1);
        assertThat(transport.isDisconnecting()).isFalse();
        clock.advance(1);
        assertThat(take()).isEqualTo("421 4.4.2 mx.test Timeout exceeded, closing connection\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void bdatChunksMakeOneMessage() {
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nBDAT 4\r\nab\r\nBDAT 3 LAST\r\n.\r\nNOOP\r\n");
        assertThat(take()).isEqualTo("250 2.1.0 Sender <a@a.test> OK\r\n250 2.1.5 Recipient <b@b.test> OK\r\n"
                + "250 2.0.0 Chunk of 4 octets so far received\r\n250 2.0.0 Message accepted for delivery\r\n"
                + "250 2.0.0 OK\r\n");
        assertThat(delivery.messages).containsExactly("ab\r\n.\r\n");
    }

    @Test
    void bdatWithoutTransactionConsumesItsOctets() {
        start();
        ehlo();
        send("BDAT 6 LAST\r\nNOOP\r\nNOOP\r\n");
        assertThat(take()).isEqualTo("503 5.5.1 Need MAIL command\r\n250 2.0.0 OK\r\n");
    }

    @Test
    void bdatOverTheLimitIs552() {
        factory.setMaxMessageSize(4);
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\n");
        take();
        send("BDAT 5 LAST\r\n12345NOOP\r\n");
        assertThat(take()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n250 2.0.0 OK\r\n");
        assertThat(delivery.messages).isEmpty();
    }

    @Test
    void receivedHeaderComesFirst() {
        delivery.addReceived = true;
        start();
        ehlo();
        send("MAIL FROM:<a@a.test>\r\nRCPT TO:<b@b.test>\r\nDATA\r\nx\r\n.\r\n");
        assertThat(delivery.messages).containsExactly("Received: from client.test by mx.test with ESMTP\r\nx\r\n");
    }

    @Test
    void utf8AddressesNeedSmtputf8() {
        start();
        ehlo();
        send("MAIL FROM:<jöran@bücher.test>\r\nMAIL FROM:<jöran@bücher.test> SMTPUTF8\r\nRCPT TO:<ü@b.test>\r\n");
        assertThat(take()).isEqualTo("553 5.6.7 Address is not ASCII and SMTPUTF8 was not given\r\n"
                + "250 2.1.0 Sender <jöran@bücher.test> OK\r\n250 2.1.5 Recipient <ü@b.test> OK\r\n");
    }

    // AUTH

    private void withPortal() {
        InMemoryPasswords passwords = new InMemoryPasswords(Map.of("alice", "secret"));
        RecordingDelivery anonymous = delivery;
        Portal portal = new Portal((avatarId, mind, interfaces) -> Deferred.succeed(
                new LoginResult(MessageDelivery.class, anonymous, LoginResult.NO_LOGOUT)), passwords);
        factory.setDelivery(null);
        factory.setPortal(portal);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    @Test
    void withoutAnonymousAccessMailNeedsAuth() {
        withPortal();
        start();
        send("EHLO c\r\n");
        assertThat(take()).contains("250-AUTH CRAM-MD5\r\n");
        send("MAIL FROM:<a@a.test>\r\n");
        assertThat(take()).isEqualTo("530 5.7.0 Authentication required\r\n");
    }

    @Test
    void plainAndLoginNeedTls() {
        withPortal();
        start();
        ehlo();
        send("AUTH PLAIN " + b64("\0alice\0secret") + "\r\n");
        assertThat(take()).isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism\r\n");
    }

    @Test
    void authPlainWithInitialResponse() {
        withPortal();
        factory.setPlainAuthWithoutTls(true);
        start();
        ehlo();
        send("AUTH PLAIN " + b64("\0alice\0wrong") + "\r\nAUTH PLAIN " + b64("\0alice\0secret") + "\r\n"
                + "AUTH PLAIN\r\nMAIL FROM:<a@a.test>\r\n");
        assertThat(take()).isEqualTo("535 5.7.8 Authentication credentials invalid\r\n"
                + "235 2.7.0 Authentication successful\r\n503 5.5.1 Already authenticated\r\n"
                + "250 2.1.0 Sender <a@a.test> OK\r\n");
    }

    @Test
    void authLoginAsksUsernameThenPassword() {
        withPortal();
        factory.setPlainAuthWithoutTls(true);
        start();
        ehlo();
        send("AUTH LOGIN\r\n");
        assertThat(take()).isEqualTo("334 VXNlcm5hbWU6\r\n");
        send(b64("alice") + "\r\n");
        assertThat(take()).isEqualTo("334 UGFzc3dvcmQ6\r\n");
        send(b64("secret") + "\r\n");
        assertThat(take()).isEqualTo("235 2.7.0 Authentication successful\r\n");
    }

    @Test
    void authCramMd5() {
        withPortal();
        start();
        ehlo();
        send("AUTH CRAM-MD5\r\n");
        String line = take();
        assertThat(line).startsWith("334 ");
        String challenge = new String(Base64.getDecoder().decode(line.substring(4).strip()), UTF_8);
        assertThat(challenge).endsWith("@mx.test>");
        send(b64("alice " + CramMD5Credentials.respond(challenge, "secret")) + "\r\n");
        assertThat(take()).isEqualTo("235 2.7.0 Authentication successful\r\n");
    }

    @Test
    void authCanBeAborted() {
        withPortal();
        start();
        ehlo();
        send("AUTH CRAM-MD5\r\n*\r\nAUTH FOO\r\n");
        assertThat(take()).endsWith("501 5.0.0 Authentication aborted\r\n504 5.5.4 Unrecognized authentication type\r\n");
    }

    // STARTTLS

    /** A StringTransport that records the switch to TLS. */
    static final class UpgradableTransport extends StringTransport implements TlsUpgradable {
        @Nullable TlsOptions started;
        String writtenBeforeTls = "";

        @Override
        public TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
            started = options;
            writtenBeforeTls = valueAsString();
            return null;
        }
    }

    private final TlsOptions tlsOptions = (host, port) -> {
        throw new UnsupportedOperationException();
    };

    @Test
    void starttlsResetsTheSession() {
        UpgradableTransport upgradable = new UpgradableTransport();
        transport = upgradable;
        factory.setTlsOptions(tlsOptions);
        start();
        send("EHLO c\r\n");
        assertThat(take()).contains("250-STARTTLS\r\n");
        send("MAIL FROM:<a@a.test>\r\nSTARTTLS\r\n");
        assertThat(take()).isEqualTo("250 2.1.0 Sender <a@a.test> OK\r\n220 2.0.0 Ready to start TLS\r\n");
        assertThat(upgradable.started).isSameAs(tlsOptions);
        assertThat(upgradable.writtenBeforeTls).endsWith("220 2.0.0 Ready to start TLS\r\n");
        send("MAIL FROM:<a@a.test>\r\nEHLO c\r\n");
        String after = take();
        assertThat(after).startsWith("503 Send HELO or EHLO first\r\n").doesNotContain("STARTTLS");
        send("RCPT TO:<b@b.test>\r\n");
        assertThat(take()).isEqualTo("503 5.5.1 Need MAIL before RCPT\r\n");
    }

    @Test
    void aCommandPipelinedAfterStarttlsIsAProtocolError() {
        UpgradableTransport upgradable = new UpgradableTransport();
        transport = upgradable;
        factory.setTlsOptions(tlsOptions);
        start();
        ehlo();
        send("STARTTLS\r\nMAIL FROM:<a@a.test>\r\n");
        assertThat(take()).isEqualTo("554 5.5.1 Command pipelined after STARTTLS\r\n");
        assertThat(upgradable.started).isNull();
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void starttlsWithoutOptionsIs454() {
        start();
        ehlo();
        send("STARTTLS\r\n");
        assertThat(take()).isEqualTo("454 4.7.0 TLS not available\r\n");
    }

    @Test
    void tooManyErrorsClose() {
        start();
        for (int i = 0; i < SmtpServer.MAX_ERRORS; i++) {
            send("BOGUS\r\n");
        }
        assertThat(take()).endsWith("500 Command not recognized\r\n421 4.7.0 mx.test Too many errors, closing connection\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }
}
