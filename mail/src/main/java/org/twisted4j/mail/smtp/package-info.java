/**
 * SMTP, in the manner of twisted.mail.smtp: the pure parsers of commands ({@link org.twisted4j.mail.smtp.SmtpCommand})
 * and paths ({@link org.twisted4j.mail.smtp.MailAddress}), the ESMTP server protocol
 * ({@link org.twisted4j.mail.smtp.SmtpServer}) delivering through a {@link org.twisted4j.mail.smtp.MessageDelivery},
 * and the ESMTP client ({@link org.twisted4j.mail.smtp.SmtpClient}).
 */
@NullMarked
package org.twisted4j.mail.smtp;

import org.jspecify.annotations.NullMarked;
