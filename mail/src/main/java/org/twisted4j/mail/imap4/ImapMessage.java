package org.twisted4j.mail.imap4;

import java.time.Instant;
import java.util.Set;

/**
 * One message of a mailbox, as Twisted's {@code IMessage}.
 *
 * <p>Threading: reactor thread only.
 */
public interface ImapMessage {

    /** Returns its UID. */
    long uid();

    /** Returns its flags now. */
    Set<String> flags();

    /** Returns its internal date. */
    Instant internalDate();

    /** Returns its octets. */
    byte[] bytes();

    /** Returns its size in octets. */
    default long size() {
        return bytes().length;
    }
}
