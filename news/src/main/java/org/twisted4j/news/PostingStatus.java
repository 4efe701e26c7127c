package org.twisted4j.news;

/** Whether a group takes posts, as the status letter of {@code LIST ACTIVE} says it (RFC 3977 §7.6.3). */
public enum PostingStatus {
    /** Posting is allowed: {@code y}. */
    ALLOWED('y'),
    /** Posting is not allowed: {@code n}. */
    NOT_ALLOWED('n'),
    /** Posts go to the moderator; only approved articles are posted: {@code m}. */
    MODERATED('m');

    private final char letter;

    PostingStatus(char letter) {
        this.letter = letter;
    }

    /** Returns the status letter. */
    public char letter() {
        return letter;
    }

    /**
     * Returns the status a letter stands for.
     *
     * @param letter y, n or m
     * @return the status
     * @throws IllegalArgumentException for another letter
     */
    public static PostingStatus of(char letter) {
        for (PostingStatus status : values()) {
            if (status.letter == letter) {
                return status;
            }
        }
        throw new IllegalArgumentException("posting status is y, n or m, not " + letter);
    }
}
