package org.twisted4j.news;

import java.time.Instant;

/** Reactor time (seconds since the epoch, as a double) to {@link Instant}s. */
final class Instants {

    private Instants() {
    }

    static Instant of(double seconds) {
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1e9));
    }
}
