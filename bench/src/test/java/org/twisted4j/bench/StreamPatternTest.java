package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamPatternTest {

    private final StreamPattern pattern = new StreamPattern();

    private ByteBuffer copyOf(long offset, int length) {
        ByteBuffer slice = StreamPattern.slice(pattern.view(), offset, length);
        return ByteBuffer.allocate(length).put(slice).flip();
    }

    @Test
    void streamRepeatsWithThePeriod() {
        long offset = 3L * StreamPattern.PERIOD + 17;
        assertThat(copyOf(offset, 100)).isEqualTo(copyOf(17, 100));
    }

    @Test
    void sliceAcrossThePeriodBoundaryContinuesTheStream() {
        ByteBuffer across = copyOf(StreamPattern.PERIOD - 10, 20);
        assertThat(across.slice(10, 10)).isEqualTo(copyOf(0, 10));
    }

    @Test
    void echoedBytesMatchAtTheirOffsetOnly() {
        ByteBuffer echoed = copyOf(1000, 64);
        assertThat(StreamPattern.matches(pattern.view(), 1000, echoed)).isTrue();
        assertThat(StreamPattern.matches(pattern.view(), 1064, echoed)).isFalse();
        assertThat(echoed.position()).isZero();
    }

    @Test
    void oneChangedByteIsNoMatch() {
        ByteBuffer echoed = copyOf(5, 64);
        echoed.put(40, (byte) (echoed.get(40) + 1));
        assertThat(StreamPattern.matches(pattern.view(), 5, echoed)).isFalse();
    }

    @Test
    void sliceLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> StreamPattern.slice(pattern.view(), 0, StreamPattern.MAX_SLICE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
