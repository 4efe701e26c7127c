package org.twisted4j.names;

import java.io.Serial;

/**
 * The one error the DNS codec reports for bytes it cannot read: a message cut short, a count larger than the
 * data, a compression pointer that loops or points forward, a label longer than 63 octets, a name longer than
 * 255, record data shorter or longer than its type allows. A server answers it with
 * {@link Rcode#FORMERR}; nothing else escapes {@link Message#parse(byte[])}.
 *
 * <p>Unchecked, so that the record readers can be written as plain functions; callers that read network bytes
 * catch it.
 */
public final class DnsFormatError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates one with a message that says what was wrong and where. */
    public DnsFormatError(String message) {
        super(message);
    }
}
