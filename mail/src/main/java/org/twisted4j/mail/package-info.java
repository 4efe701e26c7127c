/**
 * What the mail protocols share: the {@code twist mail} plugin ({@link org.twisted4j.mail.MailPlugin}), which
 * serves SMTP into Maildir folders.
 */
@NullMarked
package org.twisted4j.mail;

import org.jspecify.annotations.NullMarked;
