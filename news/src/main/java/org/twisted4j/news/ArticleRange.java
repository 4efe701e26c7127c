package org.twisted4j.news;

/**
 * A range of article numbers as commands give it (RFC 3977 §3.2.1.1 and §8.3): {@code n}, {@code n-} (n and
 * every later one) or {@code n-m}. Numbers are from 1 to {@link Long#MAX_VALUE}; a range whose end is before its
 * start is valid and empty. Immutable.
 *
 * @param low the first number
 * @param high the last number, {@link Long#MAX_VALUE} for {@code n-}
 */
public record ArticleRange(long low, long high) {

    /**
     * Parses a range.
     *
     * @param text the argument
     * @return the range
     * @throws NntpSyntaxException with 501 if it is not a range, or a number is 0, negative or beyond
     *     {@link Long#MAX_VALUE}
     */
    public static ArticleRange parse(String text) throws NntpSyntaxException {
        int dash = text.indexOf('-');
        if (dash < 0) {
            long number = number(text);
            return new ArticleRange(number, number);
        }
        long low = number(text.substring(0, dash));
        String rest = text.substring(dash + 1);
        return new ArticleRange(low, rest.isEmpty() ? Long.MAX_VALUE : number(rest));
    }

    /**
     * Parses an article number.
     *
     * @param text the digits
     * @return the number, at least 1
     * @throws NntpSyntaxException with 501 if it is not a number from 1 to {@link Long#MAX_VALUE}
     */
    public static long number(String text) throws NntpSyntaxException {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NntpSyntaxException(501, "Bad article number: " + shorten(text));
        }
        try {
            long value = Long.parseLong(text);
            if (value < 1) {
                throw new NntpSyntaxException(501, "Bad article number: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new NntpSyntaxException(501, "Bad article number: " + text);
        }
    }

    /** Returns whether {@code number} is in the range. */
    public boolean contains(long number) {
        return number >= low && number <= high;
    }

    /** Returns the range as a command argument. */
    public String encode() {
        return low == high ? Long.toString(low) : high == Long.MAX_VALUE ? low + "-" : low + "-" + high;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
