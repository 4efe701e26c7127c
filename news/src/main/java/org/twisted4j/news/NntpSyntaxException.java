package org.twisted4j.news;

/**
 * A command line that does not parse: {@link #replyCode()} is 500 (no such command, or a line too long) or 501
 * (the command is known but its arguments are wrong), as RFC 3977 §3.2.1 asks.
 */
public final class NntpSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int replyCode;

    /**
     * Makes it.
     *
     * @param replyCode 500 or 501
     * @param message what is wrong, sent after the code
     */
    public NntpSyntaxException(int replyCode, String message) {
        super(message);
        this.replyCode = replyCode;
    }

    /** Returns the response code the server answers with: 500 or 501. */
    public int replyCode() {
        return replyCode;
    }
}
