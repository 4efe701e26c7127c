package org.twisted4j.mail.imap4;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One mailbox, as Twisted's {@code IMailbox}: its messages in sequence order, flags, UIDs, and listeners told of
 * every change, so each session on it can send EXISTS, EXPUNGE and FETCH to its client.
 *
 * <p>Threading: reactor thread only.
 */
public interface ImapMailbox {

    /** Told of a change of a mailbox, by whatever session or delivery made it. */
    @FunctionalInterface
    interface Listener {
        /** The mailbox changed (messages added or expunged, flags changed). */
        void changed();
    }

    /** Returns the UIDVALIDITY. */
    long uidValidity();

    /** Returns the UID the next message will get. */
    long uidNext();

    /** Returns the highest MODSEQ of the mailbox (RFC 7162), 0 where it keeps none. */
    default long highestModseq() {
        return 0;
    }

    /** Returns the messages, in sequence order (ascending UIDs). */
    List<ImapMessage> messages();

    /** Returns the flags messages may have here. */
    Set<String> flags();

    /**
     * Adds a message.
     *
     * @param bytes its octets
     * @param flags its flags
     * @param date its internal date
     * @return its UID
     */
    long append(byte[] bytes, Set<String> flags, Instant date);

    /** Sets a message's flags. */
    void setFlags(ImapMessage message, Set<String> flags);

    /** Removes the messages flagged {@code \Deleted} whose UIDs are in {@code uids} (all if null); returns their UIDs. */
    List<Long> expunge(@org.jspecify.annotations.Nullable Set<Long> uids);

    /** Adds a listener. */
    void addListener(Listener listener);

    /** Removes a listener. */
    void removeListener(Listener listener);
}
