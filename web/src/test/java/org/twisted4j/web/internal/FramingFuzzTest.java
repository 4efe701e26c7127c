package org.twisted4j.web.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the body-framing helpers that the request and response parsers share: a chunk-size line, the
 * Content-Length values and the Transfer-Encoding values of one message, all read from the same fuzzed text
 * (its lines are the field values).
 *
 * <p>Invariants: each returns a value or one of its documented codes, never throws, and agrees with the
 * grammar of RFC 9112 written here independently: a chunk size is 1 to 15 hex digits, optional whitespace,
 * and nothing else or an extension free of control characters; every Content-Length element is digits and
 * all are equal; the transfer codings are exactly one {@code chunked}, last (501 when others precede it).
 * Numbers written by the usual writers ({@link Long#toHexString}, {@link Long#toString}) read back as the
 * same number.
 */
class FramingFuzzTest {

    private static final Pattern CHUNK_LINE = Pattern.compile("([0-9A-Fa-f]+)[ \\t]*(;.*)?", Pattern.DOTALL);
    private static final Pattern LEADING_HEX = Pattern.compile("[0-9A-Fa-f]{16}.*", Pattern.DOTALL);
    /** Content-Length values from here on may be refused as too large (the parser's overflow guard). */
    private static final BigInteger NEAR_LONG_MAX = BigInteger.valueOf((Long.MAX_VALUE - 9) / 10 * 10);

    @FuzzTest
    void framingValuesReadAsTheRfcSays(FuzzedDataProvider data) {
        long size = data.consumeLong(0, (1L << 60) - 1);
        long length = data.consumeLong(0, Long.MAX_VALUE / 10);
        int slack = data.consumeInt(0, 4);
        byte[] bytes = data.consumeRemainingAsBytes();
        String text = new String(bytes, ISO_8859_1);
        List<String> values = Arrays.asList(text.split("\n", -1));

        checkChunkSize(text, Framing.chunkSize(Arrays.copyOf(bytes, bytes.length + slack), bytes.length));
        checkContentLength(values, Framing.contentLength(values));
        checkChunkedFraming(values, Framing.chunkedFraming(values));

        byte[] hex = (Long.toHexString(size) + (slack > 2 ? " ;ext=\"x\"" : "")).getBytes(ISO_8859_1);
        assertThat(Framing.chunkSize(hex, hex.length)).isEqualTo(size);
        byte[] upper = Long.toHexString(size).toUpperCase(Locale.ROOT).getBytes(ISO_8859_1);
        assertThat(Framing.chunkSize(upper, upper.length)).isEqualTo(size);
        assertThat(Framing.contentLength(List.of(Long.toString(length)))).isEqualTo(length);
        assertThat(Framing.contentLength(List.of(length + ", " + length, "\t" + length))).isEqualTo(length);
    }

    private static void checkChunkSize(String line, long result) {
        Matcher m = CHUNK_LINE.matcher(line);
        if (LEADING_HEX.matcher(line).matches()) {
            assertThat(result).isEqualTo(Framing.TOO_LARGE);
        } else if (!m.matches()) {
            assertThat(result).isEqualTo(Framing.MALFORMED);
        } else if (m.group(2) != null && m.group(2).chars().anyMatch(c -> HeadLines.isControl((byte) c))) {
            assertThat(result).isEqualTo(Framing.CONTROL_IN_EXTENSION);
        } else {
            assertThat(result).isEqualTo(Long.parseLong(m.group(1), 16));
        }
    }

    private static void checkContentLength(List<String> values, long result) {
        boolean malformed = false;
        boolean huge = false;
        BigInteger agreed = null;
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                String number = FieldChecks.stripSpaceAndTab(element);
                int digits = 0;
                while (digits < number.length() && number.charAt(digits) >= '0' && number.charAt(digits) <= '9') {
                    digits++;
                }
                // Too large is told as soon as the digits read so far overflow, whatever follows them.
                huge |= digits > 0 && new BigInteger(number.substring(0, digits)).compareTo(NEAR_LONG_MAX) >= 0;
                if (digits == 0 || digits < number.length()) {
                    malformed = true;
                    continue;
                }
                BigInteger n = new BigInteger(number);
                malformed |= agreed != null && !agreed.equals(n);
                agreed = n;
            }
        }
        if (result >= 0) {
            assertThat(malformed).isFalse();
            assertThat(agreed).isEqualTo(BigInteger.valueOf(result));
        } else if (result == Framing.TOO_LARGE) {
            assertThat(huge).isTrue();
        } else {
            assertThat(result).isEqualTo(Framing.MALFORMED);
            assertThat(malformed).isTrue();
        }
    }

    private static void checkChunkedFraming(List<String> values, int result) {
        List<String> codings = values.stream()
                .flatMap(v -> Arrays.stream(v.split(",", -1)))
                .map(String::strip) // as the parser does; field values reaching it hold no control characters
                .toList();
        long chunked = codings.stream().filter(c -> c.equalsIgnoreCase("chunked")).count();
        boolean wellFormed = codings.stream().noneMatch(String::isEmpty) && chunked == 1
                && codings.getLast().equalsIgnoreCase("chunked");
        assertThat(result).isEqualTo(!wellFormed ? 400 : codings.size() == 1 ? 0 : 501);
    }
}
