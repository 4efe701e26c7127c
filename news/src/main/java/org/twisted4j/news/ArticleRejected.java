package org.twisted4j.news;

/**
 * Why a storage or the server refused an article: the server answers POST with 441 and IHAVE with 437 (or 435
 * and 436 before the transfer), with this message.
 */
public final class ArticleRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of refusal it is. */
    public enum Reason {
        /** An article with the same Message-ID is stored, or was. */
        DUPLICATE,
        /** None of its newsgroups is carried. */
        NO_GROUPS,
        /** A group does not take posts, or is moderated and the article is not approved. */
        NOT_ALLOWED,
        /** A required field is missing or malformed, or the header does not parse. */
        MALFORMED,
        /** It is over the size limit, or a line of it is. */
        TOO_LARGE,
        /** The storage failed; the sender may try again later. */
        STORAGE_FAILED
    }

    private final Reason reason;

    /**
     * Makes it.
     *
     * @param reason the kind of refusal
     * @param message what to tell the sender
     */
    public ArticleRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Returns the kind of refusal. */
    public Reason reason() {
        return reason;
    }
}
