package org.twisted4j.words.service;

import org.twisted4j.words.irc.CaseMapping;

/**
 * Wildcard masks ({@code *} and {@code ?}) matched against {@code nick!user@host}, case-insensitively under
 * rfc1459; iterative, so a hostile mask cannot make matching exponential.
 */
final class Masks {

    private Masks() {
    }

    static boolean matches(String mask, String text) {
        String p = CaseMapping.RFC1459.lower(mask);
        String t = CaseMapping.RFC1459.lower(text);
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** Completes a partial ban mask: {@code nick} to {@code nick!*@*}, {@code u@h} to {@code *!u@h}. */
    static String normalize(String mask) {
        if (mask.indexOf('!') < 0 && mask.indexOf('@') < 0) {
            return mask + "!*@*";
        }
        if (mask.indexOf('!') < 0) {
            return "*!" + mask;
        }
        if (mask.indexOf('@') < 0) {
            return mask + "@*";
        }
        return mask;
    }
}
