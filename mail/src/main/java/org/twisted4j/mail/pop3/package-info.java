/**
 * A POP3 server (RFC 1939, with CAPA of RFC 2449 and STLS of RFC 2595) over a {@link org.twisted4j.mail.pop3.Mailbox},
 * in the manner of twisted.mail.pop3; {@link org.twisted4j.mail.pop3.MaildirMailbox} serves the Maildirs the SMTP
 * side delivers to.
 */
@NullMarked
package org.twisted4j.mail.pop3;

import org.jspecify.annotations.NullMarked;
