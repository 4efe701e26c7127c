package org.twisted4j.defer;

/**
 * Thrown by {@link DeferredQueue#get} when the queue is empty and already has as many waiting gets as its
 * backlog allows, as Twisted's {@code defer.QueueUnderflow}.
 */
public final class QueueUnderflow extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what happened
     */
    public QueueUnderflow(String message) {
        super(message);
    }
}
