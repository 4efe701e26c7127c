package org.twisted4j.ftp;

import java.io.Serial;

/**
 * A command the server refused (4yz or 5yz), as Twisted's {@code CommandFailed}: the client's Deferreds fail
 * with it.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class FtpCommandFailed extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient FtpReply reply;

    /**
     * Makes one.
     *
     * @param command what was sent (without a password)
     * @param reply what the server answered
     */
    public FtpCommandFailed(String command, FtpReply reply) {
        super(command + ": " + reply);
        this.reply = reply;
    }

    /** The server's reply. */
    public FtpReply reply() {
        return reply;
    }
}
