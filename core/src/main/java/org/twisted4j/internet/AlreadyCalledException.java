package org.twisted4j.internet;

/**
 * Thrown when a {@link DelayedCall} is cancelled, reset or delayed after it has already been called, as
 * Twisted's {@code twisted.internet.error.AlreadyCalled}.
 */
public final class AlreadyCalledException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for {@code call}.
     *
     * @param call a description of the call, for the message
     */
    public AlreadyCalledException(String call) {
        super("the delayed call " + call + " has already been called");
    }
}
