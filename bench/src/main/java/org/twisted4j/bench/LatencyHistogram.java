package org.twisted4j.bench;

/**
 * Counts round-trip times in log-linear buckets (16 per power of two, so about 6% resolution) from 1 µs to
 * about 8 s, cheaply enough to record every message of a load run.
 *
 * <p>Threading: one thread only.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int MAGNITUDES = 21;

    private final long[] counts = new long[MAGNITUDES * SUB_BUCKETS];
    private long total;

    /**
     * Records one round trip.
     *
     * @param nanos its duration in nanoseconds; values outside 1 µs to ~8 s count in the end buckets
     */
    void record(long nanos) {
        counts[index(Math.max(1, nanos / 1000))]++;
        total++;
    }

    /**
     * Adds every round trip {@code other} recorded to this histogram.
     *
     * @param other another histogram, not changed
     */
    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /**
     * Returns the round-trip time, in microseconds, that {@code fraction} of the recorded ones did not
     * exceed (to the bucket's resolution), or 0 if nothing was recorded.
     *
     * @param fraction e.g. 0.5 for the median, 0.99 for the 99th percentile
     * @return the upper edge of the bucket holding that percentile, in microseconds
     */
    long percentileMicros(double fraction) {
        long wanted = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= wanted && seen > 0) {
                return upperEdge(i);
            }
        }
        return 0;
    }

    private static int index(long micros) {
        int magnitude = 63 - Long.numberOfLeadingZeros(micros);
        if (magnitude < SUB_BUCKET_BITS) {
            return (int) micros;
        }
        int sub = (int) (micros >>> (magnitude - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        int i = (magnitude - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
        return Math.min(i, MAGNITUDES * SUB_BUCKETS - 1);
    }

    private static long upperEdge(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int magnitude = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        int sub = index % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (magnitude - SUB_BUCKET_BITS)) - 1;
    }
}
