package org.twisted4j.mail.imap4;

/**
 * The one parse error of the IMAP codec: a command line, literal, parenthesised list or sequence set that breaks
 * RFC 3501's grammar or one of the parser's limits. The server answers it with a tagged (or, when no tag could be
 * read, untagged) {@code BAD} and goes on with the next command.
 *
 * <p>Threading: immutable, any thread.
 */
public final class ImapSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what was wrong, fit to follow {@code BAD} in a response
     */
    public ImapSyntaxException(String message) {
        super(message, null, false, false);
    }
}
