package org.twisted4j.mail.smtp;

/**
 * The one error the SMTP parsers ({@link SmtpCommand}, {@link MailAddress}) throw: the input is not what RFC 5321
 * allows. Its {@linkplain #code() code} and {@linkplain #enhancedCode() enhanced code} are the reply the server
 * sends: 500 or 501 with 5.5.2 for bad syntax, 553 with 5.1.3 for a bad address, 553 with 5.6.7 for a non-ASCII
 * address without SMTPUTF8.
 *
 * <p>Any thread: immutable.
 */
public final class SmtpSyntaxException extends SmtpRejection {

    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param code the reply code
     * @param enhancedCode the enhanced status code
     * @param text what is wrong, one line
     */
    public SmtpSyntaxException(int code, String enhancedCode, String text) {
        super(code, enhancedCode, text);
    }
}
