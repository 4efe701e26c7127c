package org.twisted4j.defer;

/**
 * Fired into a {@link Deferred} that did not get a result within the time given to
 * {@link Deferred#addTimeout}, as Twisted's {@code error.TimeoutError}.
 */
public final class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for a wait of {@code seconds}.
     *
     * @param seconds how long was waited
     * @param what what timed out, as {@code "Deferred"}
     */
    public TimeoutError(double seconds, String what) {
        super(what + " timed out after " + seconds + " seconds");
    }
}
