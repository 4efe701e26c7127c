/**
 * IMAP4rev1 (RFC 3501), in the manner of Twisted's {@code twisted.mail.imap4}: the command codec
 * ({@link org.twisted4j.mail.imap4.ImapCommandParser}), the MIME structure behind FETCH ENVELOPE and
 * BODYSTRUCTURE ({@link org.twisted4j.mail.imap4.MimeStructure}), the server protocol
 * ({@link org.twisted4j.mail.imap4.ImapServer}) over an account interface ({@link org.twisted4j.mail.imap4.ImapAccount})
 * and an in-memory account for tests ({@link org.twisted4j.mail.imap4.MemoryAccount}).
 */
@NullMarked
package org.twisted4j.mail.imap4;

import org.jspecify.annotations.NullMarked;
