package org.twisted4j.web.template;

/**
 * A numeric character reference ({@code &#9731;}), as Twisted's {@code CharRef}: a character written as pure ASCII.
 *
 * @param ordinal the Unicode code point
 */
public record CharRef(int ordinal) {
    /**
     * Checks the code point.
     *
     * @throws IllegalArgumentException if {@code ordinal} is not a Unicode code point
     */
    public CharRef {
        if (!Character.isValidCodePoint(ordinal)) {
            throw new IllegalArgumentException("not a Unicode code point: " + ordinal);
        }
    }
}
