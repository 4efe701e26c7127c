package org.twisted4j.news;

/** An article whose header does not parse (RFC 5536 §2): a line that is not a header field, or no header at all. */
public final class ArticleFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Makes it.
     *
     * @param message what is wrong
     */
    public ArticleFormatException(String message) {
        super(message);
    }
}
