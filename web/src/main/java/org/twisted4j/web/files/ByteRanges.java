package org.twisted4j.web.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Range} request header (RFC 9110 section 14) against a file of known size, and the layout of a
 * {@code multipart/byteranges} response, as Twisted's {@code File.makeProducer}.
 *
 * <pre>{@code
 * switch (ByteRanges.evaluate(request.getHeader("range"), size)) {
 *     case ByteRanges.Full f -> serve everything with 200;
 *     case ByteRanges.Unsatisfiable u -> 416 with "Content-Range: " + u.contentRange();
 *     case ByteRanges.Partial p when p.ranges().size() == 1 -> 206 with p.ranges().get(0).contentRange(size);
 *     case ByteRanges.Partial p -> 206 with ByteRanges.multipart(p.ranges(), size, type, ByteRanges.randomBoundary());
 * }
 * }</pre>
 *
 * <p>Rules: a header that is absent, names another unit than {@code bytes} (any case), or is syntactically
 * invalid (including {@code 5-3}, whose last position precedes its first) is ignored and the whole file is
 * served, as RFC 9110 allows and Twisted does. Ranges that start at or past the end are dropped; when none
 * is left the answer is 416 with {@code Content-Range: bytes *}{@code /SIZE}. A zero-length file satisfies no
 * range. Ranges that overlap are coalesced (sorted and merged), so a response never carries a byte twice
 * and cannot grow beyond the file plus part headers; ranges that do not overlap keep the client's order. A
 * header with more than {@link #MAX_RANGES} ranges is ignored (the whole file is served), a defence against
 * many-tiny-ranges abuse.
 *
 * <p>Only GET requests honour {@code Range} (RFC 9110 section 14.2); evaluate {@code If-Range} with
 * {@link Conditional#rangeApplies} first. Unlike Twisted, which always answers several requested ranges
 * with a multipart body, a request whose satisfiable ranges come down to one is best answered with a
 * plain 206 and {@code Content-Range}, as the snippet shows.
 *
 * <p>Stateless; any thread.
 */
public final class ByteRanges {

    /** The most ranges honoured in one header; more and the header is ignored: {@value}. */
    public static final int MAX_RANGES = 100;

    private ByteRanges() {
    }

    /**
     * The outcome of evaluating a {@code Range} header.
     */
    public sealed interface Decision permits Full, Partial, Unsatisfiable {
    }

    /** Serve the whole representation with 200: no usable {@code Range} header. */
    public record Full() implements Decision {
    }

    /**
     * Serve these ranges with 206: one range as a plain body with {@code Content-Range}, several as
     * {@code multipart/byteranges}.
     *
     * @param ranges one or more satisfiable ranges, none overlapping, clipped to the file
     */
    public record Partial(List<Range> ranges) implements Decision {
        /** Copies the list. */
        public Partial {
            ranges = List.copyOf(ranges);
        }
    }

    /**
     * Answer 416: no range overlaps the file.
     *
     * @param size the file's size
     */
    public record Unsatisfiable(long size) implements Decision {
        /**
         * The value of the 416 response's {@code Content-Range} header.
         *
         * @return {@code bytes *}{@code /SIZE}
         */
        public String contentRange() {
            return "bytes */" + size;
        }
    }

    /**
     * A satisfiable byte range.
     *
     * @param offset the first byte's offset
     * @param length how many bytes, at least one
     */
    public record Range(long offset, long length) {
        /**
         * Checks the bounds.
         *
         * @throws IllegalArgumentException if {@code offset} is negative or {@code length} not positive
         */
        public Range {
            if (offset < 0 || length <= 0) {
                throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
            }
        }

        /**
         * The last byte's offset, inclusive.
         *
         * @return {@code offset + length - 1}
         */
        public long last() {
            return offset + length - 1;
        }

        /**
         * The value of a {@code Content-Range} header for this range.
         *
         * @param size the whole file's size
         * @return {@code bytes FIRST-LAST/SIZE}
         */
        public String contentRange(long size) {
            return "bytes " + offset + "-" + last() + "/" + size;
        }
    }

    /**
     * Evaluates a {@code Range} header value against a file's size.
     *
     * @param header the header's value, several occurrences joined by commas, or null if absent
     * @param size the file's size in bytes
     * @return what to send
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static Decision evaluate(@Nullable String header, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (header == null) {
            return new Full();
        }
        List<long[]> specs = parse(header);
        if (specs == null || specs.size() > MAX_RANGES) {
            return new Full();
        }
        List<Range> ranges = new ArrayList<>();
        for (long[] spec : specs) {
            Range r = clip(spec[0], spec[1], size);
            if (r != null) {
                ranges.add(r);
            }
        }
        if (ranges.isEmpty()) {
            return new Unsatisfiable(size);
        }
        return new Partial(coalesceIfOverlapping(ranges));
    }

    /**
     * Parses {@code bytes=a-b, c-, -d} into pairs {first, last}, -1 for an absent position; null if the
     * header is invalid or of another unit.
     */
    static @Nullable List<long[]> parse(String header) {
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return null;
        }
        List<long[]> out = new ArrayList<>();
        for (String element : header.substring(eq + 1).split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                continue; // empty list elements are allowed and ignored (RFC 9110 section 5.6.1)
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String firstDigits = spec.substring(0, dash);
            String lastDigits = spec.substring(dash + 1);
            long first = number(firstDigits);
            long last = number(lastDigits);
            if (first == INVALID || last == INVALID || (first < 0 && last < 0)
                    || (first >= 0 && last >= 0 && precedes(lastDigits, firstDigits))) {
                return null;
            }
            out.add(new long[] {first, last});
        }
        return out.isEmpty() ? null : out;
    }

    private static final long INVALID = -2;

    /** Digits to a number (saturating at Long.MAX_VALUE), -1 for empty, INVALID for anything else. */
    private static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Whether the number written {@code a} is less than the one written {@code b}, however many digits they have
     * (their values saturate, so they cannot be compared as longs).
     */
    private static boolean precedes(String a, String b) {
        String x = withoutLeadingZeros(a);
        String y = withoutLeadingZeros(b);
        return x.length() != y.length() ? x.length() < y.length() : x.compareTo(y) < 0;
    }

    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static @Nullable Range clip(long first, long last, long size) {
        if (first < 0) { // suffix range: the last `last` bytes
            long length = Math.min(last, size);
            return length == 0 ? null : new Range(size - length, length);
        }
        if (first >= size) {
            return null;
        }
        long end = last < 0 || last >= size ? size - 1 : last;
        return new Range(first, end - first + 1);
    }

    private static List<Range> coalesceIfOverlapping(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::offset));
        boolean overlap = false;
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).offset() <= sorted.get(i - 1).last()) {
                overlap = true;
                break;
            }
        }
        if (!overlap) {
            return ranges;
        }
        List<Range> merged = new ArrayList<>();
        Range current = sorted.get(0);
        for (Range r : sorted.subList(1, sorted.size())) {
            if (r.offset() <= current.last()) {
                long end = Math.max(current.last(), r.last());
                current = new Range(current.offset(), end - current.offset() + 1);
            } else {
                merged.add(current);
                current = r;
            }
        }
        merged.add(current);
        return merged;
    }

    /**
     * A fresh random boundary of 32 hexadecimal digits, which cannot occur by chance in the parts' bodies.
     *
     * @return the boundary
     */
    public static String randomBoundary() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * One part of a {@code multipart/byteranges} body: its header bytes, then {@code range} of the file.
     *
     * @param header the delimiter line and the part's {@code Content-Type} and {@code Content-Range}
     *     headers, ending with the blank line, in US-ASCII
     * @param range the file's bytes that follow the header
     * @apiNote The array is shared, not copied: write it out, do not change it.
     */
    public record Part(byte[] header, Range range) {
    }

    /**
     * The whole layout of a {@code multipart/byteranges} body (RFC 9110 section 14.6): write each part's
     * header then its range of the file, then the trailer.
     *
     * @param contentType the response's {@code Content-Type} value, naming the boundary
     * @param parts the parts in order
     * @param trailer the closing delimiter
     * @param contentLength the body's exact length, for {@code Content-Length}
     * @apiNote The arrays are shared, not copied: write them out, do not change them.
     */
    public record Multipart(String contentType, List<Part> parts, byte[] trailer, long contentLength) {
        /** Copies the list. */
        public Multipart {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Lays out a {@code multipart/byteranges} body.
     *
     * @param ranges the ranges, as from {@link Partial#ranges()}
     * @param size the file's size
     * @param partType each part's {@code Content-Type}, the file's type
     * @param boundary the boundary: 1 to 70 letters, digits and {@code '+_-.} (kept to a token, so it needs
     *     no quoting in {@code Content-Type})
     * @return the layout
     * @throws IllegalArgumentException if {@code ranges} is empty, {@code boundary} is not a valid one, or
     *     {@code partType} contains a control character
     */
    public static Multipart multipart(List<Range> ranges, long size, String partType, String boundary) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no ranges");
        }
        if (!boundary.matches("[0-9A-Za-z'+_\\-.]{1,70}")) {
            throw new IllegalArgumentException("invalid multipart boundary: " + boundary);
        }
        if (partType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("control character in part type");
        }
        List<Part> parts = new ArrayList<>();
        long length = 0;
        for (Range r : ranges) {
            byte[] header = ("\r\n--" + boundary + "\r\nContent-Type: " + partType + "\r\nContent-Range: "
                    + r.contentRange(size) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            parts.add(new Part(header, r));
            length += header.length + r.length();
        }
        byte[] trailer = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += trailer.length;
        return new Multipart("multipart/byteranges; boundary=" + boundary, parts, trailer, length);
    }
}
