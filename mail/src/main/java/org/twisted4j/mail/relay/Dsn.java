package org.twisted4j.mail.relay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.twisted4j.mail.smtp.MailAddress;

/**
 * A delivery status notification (RFC 3464), the bounce a relay returns to a sender when it gives up on some
 * recipients: a {@code multipart/report; report-type=delivery-status} of a human-readable part, a
 * {@code message/delivery-status} part with a block per failed recipient, and the original message's headers as
 * {@code text/rfc822-headers}. It goes from the null sender {@code <>}, so it is never bounced itself.
 *
 * <pre>{@code
 * byte[] bounce = Dsn.build("mx.example.org", List.of(new Dsn.Failed(rcpt, "5.1.1", "550 5.1.1 no such user",
 *         "mx.example.com")), original, arrived, ZonedDateTime.now());
 * }</pre>
 *
 * <p>Any thread: stateless.
 */
public final class Dsn {

    /** Status of a message given up because it waited too long (RFC 3463 §3.5). */
    public static final String EXPIRED = "4.4.7";
    /** The most bytes of original headers a bounce carries. */
    public static final int MAX_ORIGINAL_HEADERS = 64 * 1024;

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    private Dsn() {
    }

    /**
     * One recipient given up.
     *
     * @param recipient the recipient
     * @param status the RFC 3463 status, such as {@code 5.1.1} or {@link #EXPIRED}
     * @param diagnostic the remote server's reply or the local reason, one line
     * @param remoteMta the server that refused, or empty if none answered
     */
    public record Failed(MailAddress recipient, String status, String diagnostic, String remoteMta) {
        /** Checks the parts and flattens the texts to one line. */
        public Failed {
            Objects.requireNonNull(recipient, "recipient");
            if (!status.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
                throw new IllegalArgumentException("not a status code: " + status);
            }
            diagnostic = diagnostic.replaceAll("[\\r\\n]+", " ");
            remoteMta = remoteMta.replaceAll("[\\r\\n]+", " ");
        }
    }

    /**
     * Builds the bounce message.
     *
     * @param reportingMta this server's name
     * @param failures the recipients given up, at least one
     * @param original the original message (only its headers are returned)
     * @param arrival when the original message was queued
     * @param now the time of the report
     * @return the message, CRLF line ends
     * @throws IllegalArgumentException if there is no failure
     */
    public static byte[] build(String reportingMta, List<Failed> failures, byte[] original, ZonedDateTime arrival,
            ZonedDateTime now) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a bounce reports at least one recipient");
        }
        String boundary = now.toEpochSecond() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "/" + reportingMta;
        StringBuilder out = new StringBuilder();
        line(out, "From: Mail Delivery System <MAILER-DAEMON@" + reportingMta + ">");
        line(out, "Subject: Undelivered Mail Returned to Sender");
        line(out, "Date: " + DATE.format(now));
        line(out, "Message-ID: <" + boundary.replace('/', '.') + "@" + reportingMta + ">");
        line(out, "Auto-Submitted: auto-replied");
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: multipart/report; report-type=delivery-status;");
        line(out, "\tboundary=\"" + boundary + "\"");
        line(out, "");
        line(out, "This is a MIME-encapsulated message.");
        line(out, "");
        line(out, "--" + boundary);
        line(out, "Content-Description: Notification");
        line(out, "Content-Type: text/plain; charset=utf-8");
        line(out, "");
        line(out, "This is the mail system at " + reportingMta + ".");
        line(out, "");
        line(out, "Your message could not be delivered to one or more recipients, and will not be tried again.");
        line(out, "");
        for (Failed failed : failures) {
            line(out, "<" + failed.recipient() + ">: " + failed.diagnostic());
        }
        line(out, "");
        line(out, "--" + boundary);
        line(out, "Content-Description: Delivery report");
        line(out, "Content-Type: message/delivery-status");
        line(out, "");
        line(out, "Reporting-MTA: dns; " + reportingMta);
        line(out, "Arrival-Date: " + DATE.format(arrival));
        for (Failed failed : failures) {
            line(out, "");
            line(out, "Final-Recipient: rfc822; " + failed.recipient());
            line(out, "Action: failed");
            line(out, "Status: " + failed.status());
            if (!failed.remoteMta().isEmpty()) {
                line(out, "Remote-MTA: dns; " + failed.remoteMta());
            }
            line(out, "Diagnostic-Code: smtp; " + failed.diagnostic());
            line(out, "Last-Attempt-Date: " + DATE.format(now));
        }
        line(out, "");
        line(out, "--" + boundary);
        line(out, "Content-Description: Undelivered Message Headers");
        line(out, "Content-Type: text/rfc822-headers");
        line(out, "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(out.toString().getBytes(UTF_8));
        bytes.writeBytes(headers(original));
        bytes.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        return bytes.toByteArray();
    }

    /** The message's header section with CRLF line ends, at most {@link #MAX_ORIGINAL_HEADERS} bytes of whole lines. */
    static byte[] headers(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        while (start < message.length) {
            int end = start;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && message[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == start) {
                break;
            }
            if (out.size() + (lineEnd - start) + 2 > MAX_ORIGINAL_HEADERS) {
                break;
            }
            out.write(message, start, lineEnd - start);
            out.write('\r');
            out.write('\n');
            start = end + 1;
        }
        return out.toByteArray();
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append("\r\n");
    }
}
