package org.twisted4j.mail.smtp;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Formats the {@code Received:} trace header (RFC 5321 §4.4) a server puts on each message it takes.
 *
 * <p>Any thread: stateless.
 */
public final class ReceivedHeader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    /**
     * Returns {@code Received: from NAME ([ADDR]) by SERVER with PROTOCOL for <RCPT>; DATE} for the first
     * recipient (and no {@code for} clause when there are several, so one copy does not name the others).
     *
     * @param helo the client's greeting
     * @param recipients the accepted recipients, at least one
     * @return the header line without CRLF
     */
    public static String format(Helo helo, List<SmtpUser> recipients) {
        return format(helo, recipients, helo.serverName(), ZonedDateTime.now());
    }

    /**
     * As {@link #format(Helo, List)} with the server's name and the time given.
     *
     * @param helo the client's greeting
     * @param recipients the accepted recipients, at least one
     * @param host the receiving server's name
     * @param when the time of receipt
     * @return the header line without CRLF
     */
    public static String format(Helo helo, List<SmtpUser> recipients, String host, ZonedDateTime when) {
        String protocol = recipients.isEmpty() ? (helo.extended() ? "ESMTP" : "SMTP") : recipients.get(0).protocolName();
        String name = clean(helo.name());
        StringBuilder out = new StringBuilder("Received: from ").append(name).append(" ([")
                .append(clean(helo.peerHost())).append("])\r\n\tby ").append(clean(host)).append(" with ")
                .append(protocol);
        if (recipients.size() == 1) {
            out.append("\r\n\tfor ").append(recipients.get(0).dest().path());
        }
        return out.append("; ").append(DATE.format(when)).toString();
    }

    /** Keeps a client-given word to printable characters but parentheses, so it cannot end the header. */
    private static String clean(String word) {
        StringBuilder out = new StringBuilder();
        word.codePoints().limit(255).forEach(c -> out.appendCodePoint(c < 33 || c == 127 || c == '(' || c == ')' ? '_' : c));
        return out.isEmpty() ? "unknown" : out.toString();
    }
}
