package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.testing.StringTransport;

class SmtpClientTest {

    private final StringTransport transport = new StringTransport();
    private final List<Object> outcome = new ArrayList<>();

    private SmtpClient client(SmtpSender.Settings settings, String... to) {
        List<MailAddress> recipients = new ArrayList<>();
        for (String address : to) {
            recipients.add(MailAddress.parseMailbox(address, true));
        }
        SmtpClient client = new SmtpClient(settings, MailAddress.parseMailbox("a@a.test", false), recipients,
                "Subject: x\n\n.dot\nend".getBytes(UTF_8));
        client.makeConnection(transport);
        client.result().addCallbacks(r -> outcome.add(r), f -> outcome.add(f.value()));
        return client;
    }

    private static void receive(SmtpClient client, String text) {
        client.dataReceived(ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    private String take() {
        String out = transport.valueAsString();
        transport.clear();
        return out;
    }

    @Test
    void pipelinesMailRcptAndDataWhenOffered() {
        SmtpClient client = client(SmtpSender.Settings.of("me.test"), "b@b.test", "nobody@b.test");
        receive(client, "220 mx ESMTP\r\n");
        assertThat(take()).isEqualTo("EHLO me.test\r\n");
        receive(client, "250-mx\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 8BITMIME\r\n");
        assertThat(take()).isEqualTo("MAIL FROM:<a@a.test> SIZE=26\r\nRCPT TO:<b@b.test>\r\nRCPT TO:<nobody@b.test>\r\n"
                + "DATA\r\n");
        receive(client, "250 ok\r\n250 ok\r\n550 5.1.1 no such user\r\n354 go\r\n");
        assertThat(take()).isEqualTo("Subject: x\r\n\r\n..dot\r\nend\r\n.\r\n");
        receive(client, "250 2.0.0 queued\r\n");
        assertThat(take()).isEqualTo("QUIT\r\n");
        assertThat(outcome).singleElement().isInstanceOfSatisfying(SmtpSender.Result.class, r -> {
            assertThat(r.accepted()).isEqualTo(1);
            assertThat(r.recipients()).extracting(SmtpSender.RecipientResult::code).containsExactly(250, 550);
        });
    }

    @Test
    void withoutPipeliningOneCommandAtATime() {
        SmtpClient client = client(SmtpSender.Settings.of("me.test"), "b@b.test");
        receive(client, "220 mx\r\n");
        take();
        receive(client, "502 no EHLO\r\n");
        assertThat(take()).isEqualTo("HELO me.test\r\n");
        receive(client, "250 mx\r\n");
        assertThat(take()).isEqualTo("MAIL FROM:<a@a.test>\r\n");
        receive(client, "250 ok\r\n");
        assertThat(take()).isEqualTo("RCPT TO:<b@b.test>\r\nDATA\r\n");
    }

    @Test
    void logsInWithCramMd5WhenOffered() {
        SmtpClient client = client(new SmtpSender.Settings("me.test", null, false, "alice", "secret", false), "b@b.test");
        receive(client, "220 mx\r\n250-mx\r\n250 AUTH PLAIN LOGIN CRAM-MD5\r\n");
        assertThat(take()).isEqualTo("EHLO me.test\r\nAUTH CRAM-MD5\r\n");
        String challenge = "<1.2@mx>";
        receive(client, "334 " + Base64.getEncoder().encodeToString(challenge.getBytes(UTF_8)) + "\r\n");
        assertThat(new String(Base64.getDecoder().decode(take().strip()), UTF_8))
                .isEqualTo("alice " + CramMD5Credentials.respond(challenge, "secret"));
        receive(client, "235 ok\r\n");
        assertThat(take()).isEqualTo("MAIL FROM:<a@a.test>\r\n");
    }

    @Test
    void refusedSenderFailsTheResult() {
        SmtpClient client = client(SmtpSender.Settings.of("me.test"), "b@b.test");
        receive(client, "220 mx\r\n250 mx\r\n");
        take();
        receive(client, "550 5.7.1 go away\r\n");
        assertThat(outcome).singleElement().isInstanceOfSatisfying(SmtpRejection.class,
                e -> assertThat(e.code()).isEqualTo(550));
        assertThat(take()).isEqualTo("QUIT\r\n");
    }

    @Test
    void utf8AddressesNeedSmtputf8() {
        SmtpClient client = client(SmtpSender.Settings.of("me.test"), "ü@b.test");
        receive(client, "220 mx\r\n250-mx\r\n250 PIPELINING\r\n");
        assertThat(outcome).singleElement().isInstanceOfSatisfying(SmtpRejection.class,
                e -> assertThat(e.enhancedCode()).isEqualTo("5.6.7"));
    }

    @Test
    void stuffingDoublesLeadingDotsAndUsesCrlf() {
        assertThat(new String(SmtpClient.stuffed(".a\r\nb\n..c".getBytes(UTF_8)), UTF_8))
                .isEqualTo("..a\r\nb\r\n...c\r\n.\r\n");
    }

    @Test
    void severalMessagesShareOneConnectionARefusedOneFailsAloneAfterRset() {
        MailAddress from = MailAddress.parseMailbox("a@a.test", false);
        SmtpClient client = new SmtpClient(SmtpSender.Settings.of("me.test"), List.of(
                new SmtpSender.Outgoing(from, List.of(MailAddress.parseMailbox("x@b.test", false)), "one".getBytes(UTF_8)),
                new SmtpSender.Outgoing(from, List.of(MailAddress.parseMailbox("bad@b.test", false)), "two".getBytes(UTF_8)),
                new SmtpSender.Outgoing(from, List.of(MailAddress.parseMailbox("y@b.test", false)), "three".getBytes(UTF_8))));
        client.makeConnection(transport);
        for (var result : client.results()) {
            result.addCallbacks(r -> outcome.add(r), f -> outcome.add(f.value()));
        }
        receive(client, "220 mx\r\n250-mx\r\n250 PIPELINING\r\n");
        assertThat(take()).isEqualTo("EHLO me.test\r\nMAIL FROM:<a@a.test>\r\nRCPT TO:<x@b.test>\r\nDATA\r\n");
        receive(client, "250 ok\r\n250 ok\r\n354 go\r\n");
        assertThat(take()).isEqualTo("one\r\n.\r\n");
        receive(client, "250 queued\r\n");
        assertThat(take()).isEqualTo("MAIL FROM:<a@a.test>\r\nRCPT TO:<bad@b.test>\r\nDATA\r\n");
        receive(client, "250 ok\r\n550 5.1.1 no such user\r\n503 no valid recipients\r\n");
        assertThat(take()).isEqualTo("RSET\r\n");
        receive(client, "250 reset\r\n");
        assertThat(take()).isEqualTo("MAIL FROM:<a@a.test>\r\nRCPT TO:<y@b.test>\r\nDATA\r\n");
        receive(client, "250 ok\r\n250 ok\r\n354 go\r\n250 qu");
        assertThat(take()).isEqualTo("three\r\n.\r\n");
        receive(client, "eued\r\n");
        assertThat(take()).isEqualTo("QUIT\r\n");
        assertThat(outcome).hasSize(3);
        assertThat(outcome.get(0)).isInstanceOf(SmtpSender.Result.class);
        assertThat(outcome.get(1)).isInstanceOfSatisfying(RecipientsRefused.class,
                e -> assertThat(e.recipients()).extracting(SmtpSender.RecipientResult::code).containsExactly(550));
        assertThat(outcome.get(2)).isInstanceOf(SmtpSender.Result.class);
    }
}
