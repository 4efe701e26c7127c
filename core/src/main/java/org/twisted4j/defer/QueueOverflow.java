package org.twisted4j.defer;

/**
 * Thrown by {@link DeferredQueue#put} when the queue already holds as many objects as its size allows and no
 * one is waiting for one, as Twisted's {@code defer.QueueOverflow}.
 */
public final class QueueOverflow extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what happened
     */
    public QueueOverflow(String message) {
        super(message);
    }
}
