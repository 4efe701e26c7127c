package org.twisted4j.conch.sftp;

import java.io.Serial;

/**
 * A malformed SFTP packet: the one error {@link SftpCodec#decode} throws. When the packet's request id could be
 * read it is kept, so a server can answer that request with {@link SftpConstants#FX_BAD_MESSAGE}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class SftpProtocolException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The id when none could be read. */
    public static final long NO_ID = -1;

    private final long requestId;

    /** An exception for a packet whose id is {@code requestId} (as an unsigned value), or {@link #NO_ID}. */
    public SftpProtocolException(String message, long requestId) {
        super(message);
        this.requestId = requestId;
    }

    /** The request id of the bad packet (0 to 2^32-1), or {@link #NO_ID} if it had none or it was cut short. */
    public long requestId() {
        return requestId;
    }
}
