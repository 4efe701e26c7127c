package org.twisted4j.news;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.twisted4j.internet.ReactorTime;

/** A wall clock that reads a test's reactor clock as seconds since the epoch, so one {@code advance} moves both. */
final class WallClock extends Clock {

    private final ReactorTime time;

    private WallClock(ReactorTime time) {
        this.time = time;
    }

    static Clock of(ReactorTime time) {
        return new WallClock(time);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(Math.round(time.seconds() * 1000));
    }
}
