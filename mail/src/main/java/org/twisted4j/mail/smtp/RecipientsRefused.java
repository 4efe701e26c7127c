package org.twisted4j.mail.smtp;

import java.util.List;

/**
 * The refusal of a message whose every recipient the server refused: {@link #recipients()} holds each one's
 * reply, so a relay can tell the permanent refusals (5xx) from the temporary ones (4xx).
 *
 * <p>Any thread: immutable.
 */
public final class RecipientsRefused extends SmtpRejection {

    private static final long serialVersionUID = 1L;

    /** Each recipient's reply; not serialized. */
    private final transient List<SmtpSender.RecipientResult> recipients;

    /**
     * Makes the refusal.
     *
     * @param recipients each recipient's reply
     */
    public RecipientsRefused(List<SmtpSender.RecipientResult> recipients) {
        super(550, "5.1.1", "Every recipient was refused: " + recipients);
        this.recipients = List.copyOf(recipients);
    }

    /** Returns each recipient's reply, in the order the recipients were given. */
    public List<SmtpSender.RecipientResult> recipients() {
        return recipients;
    }
}
