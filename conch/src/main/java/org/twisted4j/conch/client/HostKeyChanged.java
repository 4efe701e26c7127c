package org.twisted4j.conch.client;

import org.twisted4j.conch.transport.HostKeyRefused;

/**
 * The server showed a key other than the one {@code known_hosts} holds for it (Twisted's {@code HostKeyChanged}):
 * someone may be in the middle, or the host was reinstalled. The connection is refused; only editing the file
 * lets it through.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class HostKeyChanged extends HostKeyRefused {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    /**
     * Makes the error.
     *
     * @param message the warning, naming the host, the new key's fingerprint and the file's line
     * @param lineNumber the line of {@code known_hosts} holding the old key
     */
    public HostKeyChanged(String message, int lineNumber) {
        super(message);
        this.lineNumber = lineNumber;
    }

    /** Returns the line of {@code known_hosts} (from 1) that holds the key the host had. */
    public int lineNumber() {
        return lineNumber;
    }
}
