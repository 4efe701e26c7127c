package org.twisted4j.mail.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.mail.smtp.MailAddress;

class DsnTest {

    private static final ZonedDateTime ARRIVED = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final ZonedDateTime NOW = ARRIVED.plusDays(5);

    @Test
    void isAMultipartReportWithAStatusBlockPerRecipientAndTheOriginalHeaders() {
        byte[] original = "Subject: hello\nFrom: s@a.test\n\nsecret body\n".getBytes(UTF_8);
        String dsn = new String(Dsn.build("relay.test", List.of(
                new Dsn.Failed(MailAddress.parseMailbox("x@b.test", false), "5.1.1", "550 5.1.1 No such\r\nuser", "mx.b.test"),
                new Dsn.Failed(MailAddress.parseMailbox("y@c.test", false), Dsn.EXPIRED, "timed out", "")),
                original, ARRIVED, NOW), UTF_8);

        assertThat(dsn).doesNotContain("\r\n\n").doesNotContainPattern("[^\r]\n");
        String boundary = dsn.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
        assertThat(dsn).contains("From: Mail Delivery System <MAILER-DAEMON@relay.test>\r\n",
                "Auto-Submitted: auto-replied\r\n", "MIME-Version: 1.0\r\n",
                "Content-Type: multipart/report; report-type=delivery-status;\r\n",
                "--" + boundary + "\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=utf-8\r\n",
                "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.test\r\n"
                        + "Arrival-Date: Tue, 1 Dec 2026 10:00:00 GMT\r\n\r\n"
                        + "Final-Recipient: rfc822; x@b.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Remote-MTA: dns; mx.b.test\r\nDiagnostic-Code: smtp; 550 5.1.1 No such user\r\n"
                        + "Last-Attempt-Date: Sun, 6 Dec 2026 10:00:00 GMT\r\n\r\n"
                        + "Final-Recipient: rfc822; y@c.test\r\nAction: failed\r\nStatus: 4.4.7\r\n"
                        + "Diagnostic-Code: smtp; timed out\r\n",
                "Content-Type: text/rfc822-headers\r\n\r\nSubject: hello\r\nFrom: s@a.test\r\n\r\n--" + boundary + "--\r\n");
        assertThat(dsn).doesNotContain("secret body");
        assertThat(dsn.split("--" + boundary, -1)).hasSize(5);
    }

    @Test
    void originalHeadersAreCutAtWholeLinesWithinTheLimit() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; headers.length() < 2 * Dsn.MAX_ORIGINAL_HEADERS; i++) {
            headers.append("X-Filler-").append(i).append(": ").append("x".repeat(70)).append("\r\n");
        }
        byte[] cut = Dsn.headers((headers + "\r\nbody").getBytes(UTF_8));
        assertThat(cut.length).isLessThanOrEqualTo(Dsn.MAX_ORIGINAL_HEADERS);
        assertThat(new String(cut, UTF_8)).endsWith("\r\n").startsWith("X-Filler-0: ");
    }
}
