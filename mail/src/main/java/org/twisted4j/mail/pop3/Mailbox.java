package org.twisted4j.mail.pop3;

import java.io.IOException;
import java.util.List;

/**
 * A POP3 user's mailbox, as Twisted's {@code IMailbox}: the messages are numbered from 0 for the whole session,
 * deletions are marks until {@link #sync()}.
 *
 * <p>Threading: called on the reactor thread; implementations read small Maildirs directly.
 */
public interface Mailbox {

    /** Returns the size in octets of every message, index order; a message marked deleted has size 0. */
    List<Long> listMessages();

    /**
     * Returns a message's bytes.
     *
     * @param index the message index, from 0
     * @throws IOException if it cannot be read
     * @throws IndexOutOfBoundsException if there is no such message
     */
    byte[] getMessage(int index) throws IOException;

    /** Returns a message's unique id, stable across sessions (printable ASCII 0x21..0x7E, at most 70 octets). */
    String getUidl(int index);

    /** Marks a message deleted. */
    void deleteMessage(int index);

    /** Unmarks every message marked deleted. */
    void undeleteMessages();

    /**
     * Removes the messages marked deleted, for good.
     *
     * @throws IOException if one cannot be removed
     */
    void sync() throws IOException;
}
