package org.twisted4j.words.irc;

import java.util.Locale;

/**
 * IRC case mappings (ISUPPORT {@code CASEMAPPING}): how nicks and channel names compare. {@link #RFC1459}
 * also folds {@code []\~} into {@code {}|^}, {@link #STRICT_RFC1459} leaves {@code ~} alone, {@link #ASCII}
 * folds letters only.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public enum CaseMapping {
    /** Letters, and {@code []\~} as {@code {}|^}. */
    RFC1459("rfc1459"),
    /** Letters, and {@code []\} as {@code {}|}. */
    STRICT_RFC1459("strict-rfc1459"),
    /** ASCII letters only. */
    ASCII("ascii");

    private final String token;

    CaseMapping(String token) {
        this.token = token;
    }

    /** Returns the ISUPPORT token, such as {@code rfc1459}. */
    public String token() {
        return token;
    }

    /** Returns the mapping named by an ISUPPORT token, {@link #RFC1459} when unknown. */
    public static CaseMapping fromToken(String token) {
        for (CaseMapping m : values()) {
            if (m.token.equalsIgnoreCase(token)) {
                return m;
            }
        }
        return RFC1459;
    }

    /** Returns the lower-case form of a nick or channel name under this mapping. */
    public String lower(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char l = lower(c);
            if (l != c && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                out.append(l);
            }
        }
        return out == null ? name : out.toString();
    }

    private char lower(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        if (this == ASCII) {
            return c;
        }
        return switch (c) {
            case '[' -> '{';
            case ']' -> '}';
            case '\\' -> '|';
            case '~' -> this == RFC1459 ? '^' : c;
            default -> c;
        };
    }

    /** Returns whether two names are equal under this mapping. */
    public boolean equals(String a, String b) {
        return lower(a).equals(lower(b));
    }

    @Override
    public String toString() {
        return token.toLowerCase(Locale.ROOT);
    }
}
