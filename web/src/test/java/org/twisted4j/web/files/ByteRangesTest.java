package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twisted4j.web.files.ByteRanges.Full;
import org.twisted4j.web.files.ByteRanges.Partial;
import org.twisted4j.web.files.ByteRanges.Range;
import org.twisted4j.web.files.ByteRanges.Unsatisfiable;

class ByteRangesTest {

    private static Partial partial(Range... ranges) {
        return new Partial(List.of(ranges));
    }

    @Test
    void absentHeaderServesWholeFile() {
        assertThat(ByteRanges.evaluate(null, 100)).isEqualTo(new Full());
    }

    @Test
    void singleClosedRange() {
        assertThat(ByteRanges.evaluate("bytes=0-9", 100)).isEqualTo(partial(new Range(0, 10)));
        assertThat(ByteRanges.evaluate("bytes=10-10", 100)).isEqualTo(partial(new Range(10, 1)));
    }

    @Test
    void lastPositionPastTheEndIsClipped() {
        assertThat(ByteRanges.evaluate("bytes=90-500", 100)).isEqualTo(partial(new Range(90, 10)));
        assertThat(ByteRanges.evaluate("bytes=0-99999999999999999999999", 100)).isEqualTo(partial(new Range(0, 100)));
    }

    @Test
    void openRangeRunsToTheEnd() {
        assertThat(ByteRanges.evaluate("bytes=500-", 1000)).isEqualTo(partial(new Range(500, 500)));
    }

    @Test
    void suffixRangeTakesTheLastBytes() {
        assertThat(ByteRanges.evaluate("bytes=-500", 1000)).isEqualTo(partial(new Range(500, 500)));
    }

    @Test
    void suffixLongerThanFileTakesWholeFile() {
        assertThat(ByteRanges.evaluate("bytes=-500", 100)).isEqualTo(partial(new Range(0, 100)));
    }

    @Test
    void zeroLengthSuffixIsUnsatisfiable() {
        assertThat(ByteRanges.evaluate("bytes=-0", 100)).isEqualTo(new Unsatisfiable(100));
    }

    @Test
    void multipleRangesKeepTheClientsOrder() {
        assertThat(ByteRanges.evaluate("bytes=50-59, 0-9, -5", 100))
                .isEqualTo(partial(new Range(50, 10), new Range(0, 10), new Range(95, 5)));
    }

    @Test
    void overlappingRangesAreCoalescedInOrder() {
        assertThat(ByteRanges.evaluate("bytes=50-79,0-9,60-89", 100))
                .isEqualTo(partial(new Range(0, 10), new Range(50, 40)));
        assertThat(ByteRanges.evaluate("bytes=0-9,0-9,0-9", 100)).isEqualTo(partial(new Range(0, 10)));
        assertThat(ByteRanges.evaluate("bytes=0-,-10", 100)).isEqualTo(partial(new Range(0, 100)));
    }

    @Test
    void adjacentRangesAreNotMerged() {
        assertThat(ByteRanges.evaluate("bytes=0-9,10-19", 100))
                .isEqualTo(partial(new Range(0, 10), new Range(10, 10)));
    }

    @Test
    void rangeStartingAtOrPastTheEndIsUnsatisfiableWithStarContentRange() {
        ByteRanges.Decision d = ByteRanges.evaluate("bytes=100-200", 100);
        assertThat(d).isEqualTo(new Unsatisfiable(100));
        assertThat(((Unsatisfiable) d).contentRange()).isEqualTo("bytes */100");
        assertThat(ByteRanges.evaluate("bytes=99999999999999999999-", 100)).isEqualTo(new Unsatisfiable(100));
    }

    @Test
    void unsatisfiableRangesAmongSatisfiableOnesAreDropped() {
        assertThat(ByteRanges.evaluate("bytes=200-300,0-0", 100)).isEqualTo(partial(new Range(0, 1)));
    }

    @Test
    void emptyFileSatisfiesNoRange() {
        assertThat(ByteRanges.evaluate("bytes=0-", 0)).isEqualTo(new Unsatisfiable(0));
        assertThat(ByteRanges.evaluate("bytes=-10", 0)).isEqualTo(new Unsatisfiable(0));
    }

    @Test
    void unitIsCaseInsensitiveAndWhitespaceIsAllowed() {
        assertThat(ByteRanges.evaluate("Bytes = 0-1 ,\t 3-4", 10))
                .isEqualTo(partial(new Range(0, 2), new Range(3, 2)));
    }

    @Test
    void emptyListElementsAreSkipped() {
        assertThat(ByteRanges.evaluate("bytes=,0-1,,", 10)).isEqualTo(partial(new Range(0, 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes", "bytes=", "bytes=,", "0-10", "items=0-1", "bytes=5-3", "bytes=-", "bytes=a-b",
        "bytes=1-2-3", "bytes=0x1-2", "bytes=+1-2", "bytes=1 - 2", "bytes=1", "bytes=0-1,x", "bytes=-1-", ""})
    void invalidHeaderIsIgnoredAndWholeFileServed(String header) {
        assertThat(ByteRanges.evaluate(header, 100)).isEqualTo(new Full());
    }

    @Test
    void lastPositionBeforeTheFirstIsInvalidHoweverLongTheNumbers() {
        assertThat(ByteRanges.evaluate("bytes=99999999999999999999-9999999999999999999", 100)).isEqualTo(new Full());
        assertThat(ByteRanges.evaluate("bytes=99999999999999999999-99999999999999999998", 100)).isEqualTo(new Full());
        assertThat(ByteRanges.evaluate("bytes=99999999999999999999-099999999999999999999", 100))
                .isEqualTo(new Unsatisfiable(100));
        assertThat(ByteRanges.evaluate("bytes=0010-9", 100)).isEqualTo(new Full());
    }

    @Test
    void tooManyRangesAreIgnored() {
        StringBuilder h = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= ByteRanges.MAX_RANGES; i++) {
            h.append(',').append(2 * i).append('-').append(2 * i);
        }
        assertThat(ByteRanges.evaluate(h.toString(), 10_000)).isEqualTo(new Full());
        String exactlyMax = h.substring(0, h.lastIndexOf(","));
        assertThat(ByteRanges.evaluate(exactlyMax, 10_000)).isInstanceOf(Partial.class);
    }

    @Test
    void negativeSizeIsRejected() {
        assertThatThrownBy(() -> ByteRanges.evaluate("bytes=0-1", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangeKnowsItsContentRange() {
        assertThat(new Range(0, 10).contentRange(100)).isEqualTo("bytes 0-9/100");
        assertThat(new Range(99, 1).last()).isEqualTo(99);
        assertThatThrownBy(() -> new Range(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Range(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multipartLayoutHasPartHeadersTrailerAndExactLength() {
        byte[] file = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        List<Range> ranges = List.of(new Range(0, 3), new Range(15, 5));
        ByteRanges.Multipart m = ByteRanges.multipart(ranges, file.length, "text/plain", "BOUND");

        assertThat(m.contentType()).isEqualTo("multipart/byteranges; boundary=BOUND");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (ByteRanges.Part p : m.parts()) {
            body.writeBytes(p.header());
            body.write(file, (int) p.range().offset(), (int) p.range().length());
        }
        body.writeBytes(m.trailer());
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo(
                "\r\n--BOUND\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-2/20\r\n\r\n012"
                + "\r\n--BOUND\r\nContent-Type: text/plain\r\nContent-Range: bytes 15-19/20\r\n\r\nfghij"
                + "\r\n--BOUND--\r\n");
        assertThat(m.contentLength()).isEqualTo(body.size());
    }

    @Test
    void multipartRejectsBadInput() {
        List<Range> one = List.of(new Range(0, 1));
        assertThatThrownBy(() -> ByteRanges.multipart(List.of(), 10, "text/plain", "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRanges.multipart(one, 10, "text/plain", "has space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRanges.multipart(one, 10, "text/plain", "x".repeat(71)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRanges.multipart(one, 10, "text/plain\r\nX-Evil: 1", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBoundariesAreValidAndDiffer() {
        String a = ByteRanges.randomBoundary();
        String b = ByteRanges.randomBoundary();
        assertThat(a).matches("[0-9a-f]{32}").isNotEqualTo(b);
        assertThat(ByteRanges.multipart(List.of(new Range(0, 1)), 1, "x/y", a).contentType()).endsWith(a);
    }
}
