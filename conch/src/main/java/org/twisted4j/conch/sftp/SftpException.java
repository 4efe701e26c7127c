package org.twisted4j.conch.sftp;

import java.io.Serial;

/**
 * A request that a {@link SftpFileSystem} refuses, with the SFTP status code the client is to get (as Twisted's
 * {@code SFTPError}).
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class SftpException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * An error with this status and message.
     *
     * @param code one of the {@code FX_} statuses of {@link SftpConstants}
     * @param message the text the client shows
     */
    public SftpException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The status code. */
    public int code() {
        return code;
    }
}
