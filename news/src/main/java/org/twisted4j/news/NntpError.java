package org.twisted4j.news;

/**
 * An NNTP answer that is not the success a client's command expects, or a malformed answer (code 0): what
 * {@link NNTPClient}'s Deferreds fail with. The message is the answer line.
 */
public final class NntpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * Makes it.
     *
     * @param code the response code, or 0 for an answer that did not parse or a lost connection
     * @param text the response line, or what went wrong
     */
    public NntpError(int code, String text) {
        super(text);
        this.code = code;
    }

    /** Returns the response code, or 0. */
    public int code() {
        return code;
    }
}
