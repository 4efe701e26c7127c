package org.twisted4j.mail.smtp;

import java.util.Objects;

/**
 * A recipient with the transaction it came in, as Twisted's {@code smtp.User}.
 *
 * <p>Any thread: immutable.
 *
 * @param dest the recipient
 * @param helo the client's greeting
 * @param origin the transaction's sender
 * @param protocolName {@code SMTP} or {@code ESMTP}, with {@code S} and {@code A} appended as RFC 3848 says
 *     when TLS or authentication is in force, for the {@code Received:} header
 */
public record SmtpUser(MailAddress dest, Helo helo, MailAddress origin, String protocolName) {
    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part is null
     */
    public SmtpUser {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(protocolName, "protocolName");
    }
}
