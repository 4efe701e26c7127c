package org.twisted4j.mail.smtp;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Where the SMTP server hands mail, as Twisted's {@code IMessageDelivery}: it accepts or refuses the sender and
 * each recipient, and makes the {@link MessageSink} each accepted recipient's copy of the message is written to.
 *
 * <pre>{@code
 * MessageDelivery delivery = new MessageDelivery() {
 *     public Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin) {
 *         return Deferred.succeed(origin);
 *     }
 *     public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
 *         if (!user.dest().domainLowerCase().equals("example.com")) {
 *             return Deferred.fail(new SmtpRejection(550, "5.7.1", "Relaying denied"));
 *         }
 *         return Deferred.succeed(() -> new MyMailboxSink(user.dest()));
 *     }
 * };
 * }</pre>
 *
 * <p>A Deferred failing with a {@link SmtpRejection} gives the client that reply; failing with anything else
 * gives {@code 451 4.3.0} and logs the error. With a {@link org.twisted4j.cred.Portal}, the server logs users in
 * for the avatar interface {@code MessageDelivery}, and the avatar is the delivery used for their mail.
 *
 * <p>Threading: the server calls these on the reactor thread; the Deferreds must fire on it.
 */
public interface MessageDelivery {

    /**
     * Returns the {@code Received:} header line to put on top of the message, without its CRLF, or null for
     * none. The default is {@link ReceivedHeader#format}'s.
     *
     * @param helo the client's greeting
     * @param origin the sender
     * @param recipients the accepted recipients
     */
    default @Nullable String receivedHeader(Helo helo, MailAddress origin, List<SmtpUser> recipients) {
        return ReceivedHeader.format(helo, recipients);
    }

    /**
     * Accepts or refuses the sender of a transaction.
     *
     * @param helo the client's greeting
     * @param origin the reverse-path, possibly {@link MailAddress#NULL}
     * @return a Deferred of the sender as accepted (usually {@code origin}), or failing to refuse it
     */
    Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin);

    /**
     * Accepts or refuses a recipient.
     *
     * @param user the recipient with the transaction it belongs to
     * @return a Deferred of the factory making this recipient's sink once DATA or BDAT begins, or failing to
     *     refuse the recipient
     */
    Deferred<MessageSinkFactory> validateTo(SmtpUser user);
}
