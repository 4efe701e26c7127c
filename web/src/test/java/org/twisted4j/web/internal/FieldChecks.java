package org.twisted4j.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.twisted4j.web.Headers;

/** Checks that the fuzz targets of the HTTP/1.1 parsers share, on what a parser accepted. */
public final class FieldChecks {

    private FieldChecks() {
    }

    /**
     * Checks header fields a parser accepted: within the count and bytes limits (each line counted with its CR
     * LF; one ended by a bare LF may be a byte longer), names tokens, values free of control characters and of
     * surrounding whitespace.
     *
     * @param headers the fields
     * @param maxCount the most fields allowed
     * @param maxBytes the most bytes of field lines allowed
     */
    public static void withinLimits(Headers headers, int maxCount, int maxBytes) {
        assertThat(headers.size()).isLessThanOrEqualTo(maxCount);
        int[] bytes = {0};
        headers.forEach((name, value) -> {
            assertThat(isToken(name)).as("name %s", name).isTrue();
            assertThat(value.chars().noneMatch(c -> HeadLines.isControl((byte) c))).as("value %s", value).isTrue();
            assertThat(stripSpaceAndTab(value)).isEqualTo(value);
            bytes[0] += name.length() + 1 + value.length() + 2;
        });
        assertThat(bytes[0]).isLessThanOrEqualTo(maxBytes + 3);
    }

    /**
     * Checks that every element of every Content-Length value is {@code length}.
     *
     * @param values the field's values
     * @param length the length the parser reported
     */
    public static void contentLengthsAre(List<String> values, long length) {
        for (String value : values) {
            for (String number : value.split(",", -1)) {
                assertThat(Long.parseLong(stripSpaceAndTab(number))).isEqualTo(length);
            }
        }
    }

    /**
     * Returns whether the text is an HTTP token: one or more {@code tchar}.
     *
     * @param text the text
     * @return whether it is a token
     */
    public static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(HeadLines::isTokenChar);
    }

    /**
     * Strips spaces and tabs (HTTP's optional whitespace) from both ends.
     *
     * @param s the text
     * @return it without them
     */
    public static String stripSpaceAndTab(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\t')) {
            z--;
        }
        return s.substring(a, z);
    }
}
