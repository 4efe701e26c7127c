package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentileMicros(0.99)).isZero();
    }

    @Test
    void shortTimesAreExactToTheMicrosecond() {
        LatencyHistogram h = new LatencyHistogram();
        for (int us = 1; us <= 10; us++) {
            h.record(us * 1000L);
        }
        assertThat(h.percentileMicros(0.5)).isEqualTo(5);
        assertThat(h.percentileMicros(1.0)).isEqualTo(10);
    }

    @Test
    void percentileIsWithinSevenPercentAboveTheRecordedTime() {
        for (long us : new long[] {17, 100, 999, 12_345, 654_321}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(us * 1000);
            assertThat(h.percentileMicros(0.5)).isBetween(us, us + us * 7 / 100);
        }
    }

    @Test
    void tailPercentileSeesTheSlowFew() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 990; i++) {
            h.record(50_000);
        }
        for (int i = 0; i < 10; i++) {
            h.record(5_000_000);
        }
        assertThat(h.percentileMicros(0.99)).isBetween(50L, 53L);
        assertThat(h.percentileMicros(0.999)).isBetween(5_000L, 5_350L);
    }

    @Test
    void addedHistogramsCountAsOne() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 98; i++) {
            fast.record(10_000);
        }
        slow.record(1_000_000);
        slow.record(1_000_000);
        fast.add(slow);
        assertThat(fast.percentileMicros(0.98)).isEqualTo(10);
        assertThat(fast.percentileMicros(0.99)).isBetween(1000L, 1070L);
        assertThat(slow.percentileMicros(0.5)).isBetween(1000L, 1070L);
    }
}
