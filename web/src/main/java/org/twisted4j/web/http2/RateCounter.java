package org.twisted4j.web.http2;

import org.twisted4j.internet.ReactorTime;

/** Counts events in fixed windows of reactor time, saying when a window holds more than its limit. */
final class RateCounter {
    private final ReactorTime time;
    private final int limit;
    private final double windowSeconds;
    private double windowStart = Double.NEGATIVE_INFINITY;
    private int count;

    RateCounter(ReactorTime time, int limit, double windowSeconds) {
        this.time = time;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    /** Records one event; returns whether the current window now holds more than the limit. */
    boolean tooMany() {
        double now = time.seconds();
        if (now - windowStart >= windowSeconds) {
            windowStart = now;
            count = 0;
        }
        count++;
        return count > limit;
    }
}
