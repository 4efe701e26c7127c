package org.twisted4j.ftp;

import java.io.Serial;

/**
 * The one parse error of the FTP codec: a command line or a reply that is not well formed, or that is longer
 * than the limit. A server answers it with {@link #replyCode()} (500 for a line it cannot read as a command,
 * 501 for a bad argument) and keeps the connection; a client treats it as a broken server.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class FtpSyntaxException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int replyCode;

    /**
     * Makes one.
     *
     * @param replyCode the reply a server sends for it: 500 or 501
     * @param message what is wrong, safe to send to the peer
     */
    public FtpSyntaxException(int replyCode, String message) {
        super(message);
        this.replyCode = replyCode;
    }

    /** The reply code a server answers with: 500 (unreadable command) or 501 (bad argument). */
    public int replyCode() {
        return replyCode;
    }
}
