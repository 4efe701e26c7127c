package org.twisted4j.web.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The forgiving date parser of RFC 6265 section 5.1.1, for the {@code Expires} cookie attribute: it finds a
 * time, a day of month, a month and a year among the tokens of the text, whatever their order and the
 * punctuation between them, as browsers do.
 *
 * <p>Threading: any thread (stateless).
 */
final class CookieDates {

    private static final String[] MONTHS =
            {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private CookieDates() {
    }

    /** Returns the date, or null if the text holds none by the RFC's rules. */
    static @Nullable Instant parse(String text) {
        int @Nullable [] time = null;
        int day = -1;
        int month = -1;
        int year = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isDelimiter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = text.substring(start, i);
            int[] parsedTime;
            if (time == null && (parsedTime = time(token)) != null) {
                time = parsedTime;
            } else if (day < 0 && leadingDigits(token, 1, 2) >= 0) {
                day = leadingDigits(token, 1, 2);
            } else if (month < 0 && month(token) >= 0) {
                month = month(token);
            } else if (year < 0 && leadingDigits(token, 2, 4) >= 0) {
                year = leadingDigits(token, 2, 4);
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (time == null || day < 1 || day > 31 || month < 0 || year < 1601
                || time[0] > 23 || time[1] > 59 || time[2] > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month + 1, day, time[0], time[1], time[2]).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException invalidDay) {
            return null;
        }
    }

    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }

    /** Parses {@code 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT ( non-digit *OCTET )}. */
    private static int @Nullable [] time(String token) {
        int[] parts = new int[3];
        int at = 0;
        for (int part = 0; part < 3; part++) {
            int start = at;
            int value = 0;
            while (at < token.length() && at - start < 2 && isDigit(token.charAt(at))) {
                value = value * 10 + token.charAt(at++) - '0';
            }
            if (at == start) {
                return null;
            }
            parts[part] = value;
            if (part < 2) {
                if (at >= token.length() || token.charAt(at) != ':') {
                    return null;
                }
                at++;
            }
        }
        return at == token.length() || !isDigit(token.charAt(at)) ? parts : null;
    }

    /** Parses {@code min*maxDIGIT ( non-digit *OCTET )}, or returns -1. */
    private static int leadingDigits(String token, int min, int max) {
        int at = 0;
        int value = 0;
        while (at < token.length() && isDigit(token.charAt(at))) {
            if (at == max) {
                return -1;
            }
            value = value * 10 + token.charAt(at++) - '0';
        }
        return at >= min ? value : -1;
    }

    private static int month(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3).toLowerCase(java.util.Locale.ROOT);
        for (int m = 0; m < 12; m++) {
            if (MONTHS[m].equals(prefix)) {
                return m;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
