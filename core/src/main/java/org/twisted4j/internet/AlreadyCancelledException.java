package org.twisted4j.internet;

/**
 * Thrown when a {@link DelayedCall} is cancelled, reset or delayed after it has already been cancelled, as
 * Twisted's {@code twisted.internet.error.AlreadyCancelled}.
 */
public final class AlreadyCancelledException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for {@code call}.
     *
     * @param call a description of the call, for the message
     */
    public AlreadyCancelledException(String call) {
        super("the delayed call " + call + " has already been cancelled");
    }
}
