/**
 * Maildir storage, in the manner of twisted.mail.maildir: messages written to {@code tmp/}, synced, and moved
 * into {@code new/} ({@link org.twisted4j.mail.maildir.Maildir}), and a
 * {@link org.twisted4j.mail.smtp.MessageDelivery} over virtual domains of Maildirs
 * ({@link org.twisted4j.mail.maildir.MaildirDomains}).
 */
@NullMarked
package org.twisted4j.mail.maildir;

import org.jspecify.annotations.NullMarked;
