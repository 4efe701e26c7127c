package org.twisted4j.mail.imap4;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user's mail as IMAP sees it, as Twisted's {@code IAccount}: mailboxes by name (hierarchy delimited by
 * {@link #DELIMITER}, {@code INBOX} always there and named in any case), and subscriptions. The avatar interface
 * a realm returns to the {@link ImapServer}.
 *
 * <p>Threading: called on the reactor thread only; implementations do their work there (an in-memory account or
 * a local Maildir are quick enough).
 */
public interface ImapAccount {

    /** The hierarchy delimiter. */
    char DELIMITER = '/';

    /** Returns every mailbox name, INBOX included. */
    List<String> mailboxes();

    /** Returns the mailbox of this name, or null if there is none. */
    @Nullable ImapMailbox mailbox(String name);

    /** Makes a mailbox; returns false if it exists or cannot be made. */
    boolean create(String name);

    /**
     * Makes a mailbox with special-use attributes (RFC 6154 CREATE-SPECIAL-USE); returns false if it exists or
     * cannot be made. By default an account that cannot record attributes refuses.
     *
     * @param name the mailbox
     * @param specialUse attributes such as {@code \Sent}, in their canonical case
     */
    default boolean create(String name, java.util.Set<String> specialUse) {
        return specialUse.isEmpty() && create(name);
    }

    /**
     * Returns a mailbox's special-use attributes (RFC 6154), told on LIST. By default those of the well-known names
     * Sent, Drafts, Trash, Junk and Archive.
     */
    default java.util.Set<String> specialUse(String name) {
        return SpecialUse.byName(name);
    }

    /** Deletes a mailbox; returns false if there is none or it cannot be deleted (INBOX). */
    boolean delete(String name);

    /** Renames a mailbox (and those under it); returns false if there is none or the new name is taken. */
    boolean rename(String from, String to);

    /** Returns the subscribed names. */
    List<String> subscriptions();

    /** Subscribes to a name. */
    void subscribe(String name);

    /** Unsubscribes from a name. */
    void unsubscribe(String name);
}
