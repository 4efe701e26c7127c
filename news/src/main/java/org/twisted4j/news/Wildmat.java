package org.twisted4j.news;

import java.util.ArrayList;
import java.util.List;

/**
 * A wildmat (RFC 3977 §4): comma-separated patterns, each with {@code *} (any run), {@code ?} (one character)
 * and {@code [...]} character sets ({@code [^...]} negated, {@code a-z} ranges), and {@code !} before a pattern
 * to exclude what it matches. The last pattern that matches a name decides; a name no pattern matches is not
 * matched. Matching takes time linear in the name per pattern star, never exponential.
 *
 * <pre>{@code
 * Wildmat.parse("comp.*,!comp.os.*").matches("comp.lang.java");   // true
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Wildmat {

    private record Pattern(String text, boolean negated) {
    }

    private static final Wildmat ALL = new Wildmat(List.of(new Pattern("*", false)));

    private final List<Pattern> patterns;

    private Wildmat(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** Returns the wildmat that matches every name, {@code *}. */
    public static Wildmat all() {
        return ALL;
    }

    /**
     * Parses a wildmat.
     *
     * @param text the wildmat
     * @return it
     * @throws NntpSyntaxException with 501 if a pattern is empty or a character set is not closed
     */
    public static Wildmat parse(String text) throws NntpSyntaxException {
        List<Pattern> patterns = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            boolean negated = part.startsWith("!");
            String pattern = negated ? part.substring(1) : part;
            if (pattern.isEmpty() || !setsClosed(pattern)) {
                throw new NntpSyntaxException(501, "Bad wildmat: " + text);
            }
            patterns.add(new Pattern(pattern, negated));
        }
        return new Wildmat(List.copyOf(patterns));
    }

    /** Returns whether the wildmat matches {@code name}. */
    public boolean matches(String name) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            Pattern pattern = patterns.get(i);
            if (match(pattern.text(), name)) {
                return !pattern.negated();
            }
        }
        return false;
    }

    private static boolean setsClosed(String pattern) {
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.charAt(i) == '[') {
                int end = setEnd(pattern, i);
                if (end < 0) {
                    return false;
                }
                i = end;
            } else {
                i++;
            }
        }
        return true;
    }

    /** Returns the index after the set that opens at {@code open}, or -1 if it is not closed. */
    private static int setEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        int close = pattern.indexOf(']', i);
        return close < 0 ? -1 : close + 1;
    }

    /** Glob matching with one backtrack point for the last star: linear per star. */
    private static boolean match(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = ++p;
                starN = n;
                continue;
            }
            int next = p < pattern.length() ? step(pattern, p, name.charAt(n)) : -1;
            if (next >= 0) {
                p = next;
                n++;
            } else if (starP >= 0) {
                p = starP;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Returns where the pattern goes on if its element at {@code p} matches {@code c}, else -1. */
    private static int step(String pattern, int p, char c) {
        char element = pattern.charAt(p);
        if (element == '?') {
            return p + 1;
        }
        if (element != '[') {
            return element == c ? p + 1 : -1;
        }
        int end = setEnd(pattern, p);
        int i = p + 1;
        boolean negated = pattern.charAt(i) == '^';
        if (negated) {
            i++;
        }
        boolean found = false;
        while (i < end - 1) {
            char low = pattern.charAt(i);
            if (i + 2 < end - 1 && pattern.charAt(i + 1) == '-') {
                char high = pattern.charAt(i + 2);
                found |= c >= low && c <= high;
                i += 3;
            } else {
                found |= c == low;
                i++;
            }
        }
        return found != negated ? end : -1;
    }
}
