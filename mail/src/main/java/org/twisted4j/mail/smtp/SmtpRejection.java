package org.twisted4j.mail.smtp;

import java.util.Objects;

/**
 * A refusal with an SMTP reply: a {@link MessageDelivery} fails its Deferred with one to choose the reply the
 * client gets (as Twisted's {@code SMTPBadSender} and {@code SMTPBadRcpt}), and the parsers throw its subclass
 * {@link SmtpSyntaxException}.
 *
 * <pre>{@code
 * return Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user here"));
 * }</pre>
 *
 * <p>Any thread: immutable.
 */
public class SmtpRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reply code, 400 to 599. */
    private final int code;
    /** The enhanced status code (RFC 3463), such as {@code 5.1.1}. */
    private final String enhancedCode;

    /**
     * Makes a refusal.
     *
     * @param code the reply code, 400 to 599
     * @param enhancedCode the enhanced status code, such as {@code 5.1.1}
     * @param text the text of the reply, one line without CR or LF
     * @throws IllegalArgumentException if the code is not 400 to 599 or the text holds CR or LF
     */
    public SmtpRejection(int code, String enhancedCode, String text) {
        super(Objects.requireNonNull(text, "text"));
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("an SMTP refusal's code is 400 to 599, not " + code);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a reply's text is one line");
        }
        this.code = code;
        this.enhancedCode = Objects.requireNonNull(enhancedCode, "enhancedCode");
    }

    /** Returns the reply code. */
    public int code() {
        return code;
    }

    /** Returns the enhanced status code, such as {@code 5.1.1}. */
    public String enhancedCode() {
        return enhancedCode;
    }
}
