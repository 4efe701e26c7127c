package org.twisted4j.web.files;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.files.ByteRanges.Full;
import org.twisted4j.web.files.ByteRanges.Multipart;
import org.twisted4j.web.files.ByteRanges.Part;
import org.twisted4j.web.files.ByteRanges.Partial;
import org.twisted4j.web.files.ByteRanges.Range;
import org.twisted4j.web.files.ByteRanges.Unsatisfiable;

/**
 * Fuzzes the {@code Range} header's evaluation against a file size (small, or anything up to
 * 2<sup>62</sup>), and the {@code multipart/byteranges} layout of what it decides.
 *
 * <p>Invariants: it never throws, and decides as its javadoc says, checked against the RFC 9110 §14.1 grammar
 * written here independently: the whole file for no header, another unit, a syntax error or more than
 * {@link ByteRanges#MAX_RANGES} ranges; 416 with the file's size when no range is satisfiable; else ranges
 * that lie within the file, are not empty, do not overlap, number no more than the ranges asked for, cover
 * exactly the satisfiable bytes asked for (so never more than the file), and keep the client's order when
 * none overlapped. Each range's {@code Content-Range} reads back as the range, and the multipart layout's
 * length is exactly the sum of its parts.
 */
class ByteRangesFuzzTest {

    private static final long MAX_SIZE = 1L << 62;
    private static final Pattern SPEC = Pattern.compile("([0-9]*)-([0-9]*)");

    @FuzzTest
    void rangesLieWithinTheFile(FuzzedDataProvider data) {
        // Up to 2^62 bytes, so that a multipart body's length cannot overflow, as no real file's does.
        long size = data.consumeBoolean() ? data.consumeLong(0, 300) : data.consumeLong(0, MAX_SIZE);
        boolean absent = data.consumeBoolean();
        String header = absent ? null : new String(data.consumeRemainingAsBytes(), ISO_8859_1);

        ByteRanges.Decision decision = ByteRanges.evaluate(header, size);

        List<long[]> asked = header == null ? null : reference(header);
        if (asked == null || asked.size() > ByteRanges.MAX_RANGES) {
            assertThat(decision).isEqualTo(new Full());
            return;
        }
        List<Range> satisfiable = new ArrayList<>();
        for (long[] spec : asked) {
            Range r = clip(spec[0], spec[1], size);
            if (r != null) {
                satisfiable.add(r);
            }
        }
        if (satisfiable.isEmpty()) {
            assertThat(decision).isEqualTo(new Unsatisfiable(size));
            assertThat(((Unsatisfiable) decision).contentRange()).isEqualTo("bytes */" + size);
            return;
        }
        assertThat(decision).isInstanceOf(Partial.class);
        List<Range> ranges = ((Partial) decision).ranges();
        assertThat(ranges).isNotEmpty().hasSizeLessThanOrEqualTo(satisfiable.size());
        for (Range r : ranges) {
            assertThat(r.offset()).isNotNegative();
            assertThat(r.length()).isPositive();
            assertThat(r.last()).isLessThan(size);
            assertThat(contentRange(r.contentRange(size), size)).isEqualTo(r);
        }
        assertThat(overlaps(ranges)).isFalse();
        assertThat(union(ranges)).isEqualTo(union(satisfiable));
        if (!overlaps(satisfiable)) {
            assertThat(ranges).isEqualTo(satisfiable);
        }
        checkMultipart(ranges, size);
    }

    /** The specs of a valid {@code bytes} header as {first, last} (-1 when absent), or null if it is to be ignored. */
    private static @Nullable List<long[]> reference(String header) {
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return null;
        }
        List<long[]> specs = new ArrayList<>();
        for (String element : header.substring(eq + 1).split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                continue;
            }
            Matcher m = SPEC.matcher(spec);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return null;
            }
            if (!m.group(1).isEmpty() && !m.group(2).isEmpty()
                    && new BigInteger(m.group(2)).compareTo(new BigInteger(m.group(1))) < 0) {
                return null;
            }
            specs.add(new long[] {saturated(m.group(1)), saturated(m.group(2))});
        }
        return specs.isEmpty() ? null : specs;
    }

    private static long saturated(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        BigInteger n = new BigInteger(digits);
        return n.bitLength() < 64 ? n.longValue() : Long.MAX_VALUE;
    }

    /** RFC 9110 §14.1.2: a suffix takes the last bytes; a range starting past the end is not satisfiable. */
    private static @Nullable Range clip(long first, long last, long size) {
        if (first < 0) {
            long length = Math.min(last, size);
            return length == 0 ? null : new Range(size - length, length);
        }
        return first >= size ? null : new Range(first, Math.min(last < 0 ? size - 1 : last, size - 1) - first + 1);
    }

    private static boolean overlaps(List<Range> ranges) {
        List<Range> sorted = ranges.stream().sorted(Comparator.comparingLong(Range::offset)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).offset() <= sorted.get(i - 1).last()) {
                return true;
            }
        }
        return false;
    }

    /** The bytes covered, as sorted disjoint {first, last} intervals with adjacent ones joined. */
    private static List<List<Long>> union(List<Range> ranges) {
        List<List<Long>> out = new ArrayList<>();
        long first = -1;
        long last = -2;
        for (Range r : ranges.stream().sorted(Comparator.comparingLong(Range::offset)).toList()) {
            if (first >= 0 && r.offset() <= last + 1) {
                last = Math.max(last, r.last());
                continue;
            }
            if (first >= 0) {
                out.add(List.of(first, last));
            }
            first = r.offset();
            last = r.last();
        }
        out.add(List.of(first, last));
        return out;
    }

    private static Range contentRange(String value, long size) {
        Matcher m = Pattern.compile("bytes ([0-9]+)-([0-9]+)/" + size).matcher(value);
        assertThat(m.matches()).as(value).isTrue();
        long first = Long.parseLong(m.group(1));
        return new Range(first, Long.parseLong(m.group(2)) - first + 1);
    }

    private static void checkMultipart(List<Range> ranges, long size) {
        String boundary = ByteRanges.randomBoundary();
        Multipart multipart = ByteRanges.multipart(ranges, size, "text/plain; charset=utf-8", boundary);
        assertThat(multipart.contentType()).isEqualTo("multipart/byteranges; boundary=" + boundary);
        assertThat(multipart.parts()).hasSameSizeAs(ranges);
        long length = multipart.trailer().length;
        for (int i = 0; i < ranges.size(); i++) {
            Part part = multipart.parts().get(i);
            assertThat(part.range()).isEqualTo(ranges.get(i));
            assertThat(new String(part.header(), US_ASCII)).startsWith("\r\n--" + boundary + "\r\n")
                    .contains("\r\nContent-Range: " + ranges.get(i).contentRange(size) + "\r\n").endsWith("\r\n\r\n");
            length += part.header().length + part.range().length();
        }
        assertThat(multipart.contentLength()).isEqualTo(length);
    }
}
