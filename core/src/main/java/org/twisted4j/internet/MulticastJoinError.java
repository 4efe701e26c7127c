package org.twisted4j.internet;

import org.jspecify.annotations.Nullable;

/**
 * Joining or leaving a multicast group failed, as Twisted's
 * {@code twisted.internet.error.MulticastJoinError}: the address is not a multicast group, the interface
 * does not exist or cannot do multicast, or the port is not a member of the group it leaves.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class MulticastJoinError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was asked, for people reading logs
     * @param cause the error from the operating system, if there was one
     */
    public MulticastJoinError(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
