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

    /**
     * Returns its MIME structure, which FETCH and SEARCH read. A message's octets never change, so a mailbox may
     * keep the structure between calls; this default parses them each time.
     */
    default MimeStructure structure() {
        return MimeStructure.parse(bytes());
    }

    /** Returns its size in octets. */
    default long size() {
        return bytes().length;
    }

    /** Returns its MODSEQ (RFC 7162): raised each time its flags change; 0 where the mailbox keeps none. */
    default long modseq() {
        return 0;
    }
}
