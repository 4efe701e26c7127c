package org.twisted4j.mail.relay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.SmtpSyntaxException;

/**
 * The envelope of a queued message: who sent it, the recipients still to deliver to, when it arrived, how many
 * attempts were made, when the next is due and why the last failed. The {@link RelayQueue} keeps it beside the
 * message as a small text file, rewritten atomically after each attempt.
 *
 * <p>The file is UTF-8 lines {@code KEY VALUE}: a first line {@value #MAGIC}, then {@code from <path>},
 * one {@code to <local@domain>} per recipient, {@code created}, {@code attempts}, {@code next} (seconds since
 * the epoch) and optionally {@code error TEXT}.
 *
 * <p>Any thread: immutable.
 *
 * @param id the message's name in the queue
 * @param from the sender, possibly {@link MailAddress#NULL}
 * @param recipients the recipients not yet delivered to, at least one
 * @param created when the message was queued, in seconds since the epoch
 * @param attempts how many delivery attempts were made
 * @param nextAttempt when the next attempt is due, in seconds since the epoch
 * @param lastError why the last attempt failed, one line, or empty
 */
public record Envelope(String id, MailAddress from, List<MailAddress> recipients, long created, int attempts,
        long nextAttempt, String lastError) {

    /** The first line of an envelope file. */
    public static final String MAGIC = "twisted4j-relay-envelope 1";

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if there is no recipient, or the id is not a safe file name
     */
    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
        lastError = lastError.replaceAll("[\\r\\n]", " ");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        if (!id.matches("[A-Za-z0-9_.-]{1,100}") || id.startsWith(".")) {
            throw new IllegalArgumentException("not a queue id: " + id);
        }
    }

    /** Returns this envelope with other recipients, one more attempt, its next time and error. */
    public Envelope retried(List<MailAddress> remaining, long next, String error) {
        return new Envelope(id, from, remaining, created, attempts + 1, next, error);
    }

    /** Returns the file form. */
    public byte[] toBytes() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("from ").append(from.path()).append('\n');
        for (MailAddress to : recipients) {
            text.append("to ").append(to.path()).append('\n');
        }
        text.append("created ").append(created).append('\n');
        text.append("attempts ").append(attempts).append('\n');
        text.append("next ").append(nextAttempt).append('\n');
        if (!lastError.isEmpty()) {
            text.append("error ").append(lastError).append('\n');
        }
        return text.toString().getBytes(UTF_8);
    }

    /**
     * Reads the file form.
     *
     * @param id the message's name
     * @param bytes the file
     * @return the envelope
     * @throws IllegalArgumentException if the file is not an envelope: a missing or repeated key, an unknown
     *     key, a bad number or address
     */
    public static Envelope parse(String id, byte[] bytes) {
        String[] lines = new String(bytes, UTF_8).split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not an envelope file");
        }
        MailAddress from = null;
        List<MailAddress> to = new ArrayList<>();
        Long created = null;
        Long attempts = null;
        Long next = null;
        String error = "";
        for (int i = 1; i < lines.length - 1; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            try {
                switch (key) {
                    case "from" -> {
                        if (from != null) {
                            throw new IllegalArgumentException("from given twice");
                        }
                        from = MailAddress.parsePath(value, true);
                    }
                    case "to" -> {
                        MailAddress recipient = MailAddress.parsePath(value, true);
                        if (recipient.isNull()) {
                            throw new IllegalArgumentException("a recipient cannot be <>");
                        }
                        to.add(recipient);
                    }
                    case "created" -> created = once(created, value);
                    case "attempts" -> attempts = once(attempts, value);
                    case "next" -> next = once(next, value);
                    case "error" -> error = value;
                    default -> throw new IllegalArgumentException("unknown key " + key);
                }
            } catch (SmtpSyntaxException e) {
                throw new IllegalArgumentException("bad address on line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (from == null || created == null || attempts == null || next == null || to.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs from, to, created, attempts and next");
        }
        if (attempts > Integer.MAX_VALUE || attempts < 0) {
            throw new IllegalArgumentException("attempts out of range");
        }
        return new Envelope(id, from, to, created, (int) (long) attempts, next, error);
    }

    private static Long once(Long previous, String value) {
        if (previous != null) {
            throw new IllegalArgumentException("a key is given twice");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + value, e);
        }
    }
}
