package org.twisted4j.web.http2;

import org.twisted4j.internet.ReactorTime;

/** Counts what {@link AbuseLimits} bounds over windows of reactor time, failing the connection past a limit. */
final class AbuseGuard {
    private final AbuseLimits limits;
    private final RateCounter resets;
    private final RateCounter emptyFrames;
    private final RateCounter settingsFrames;
    private final RateCounter pings;

    AbuseGuard(ReactorTime time, AbuseLimits limits) {
        this.limits = limits;
        double window = limits.window().toNanos() / 1e9;
        resets = new RateCounter(time, limits.maxResetsPerWindow(), window);
        emptyFrames = new RateCounter(time, limits.maxEmptyFramesPerWindow(), window);
        settingsFrames = new RateCounter(time, limits.maxSettingsPerWindow(), window);
        pings = new RateCounter(time, limits.maxPingsPerWindow(), window);
    }

    /**
     * Counts a stream reset by either side.
     *
     * @throws Http2Exception ENHANCE_YOUR_CALM past the limit
     */
    void reset() {
        if (resets.tooMany()) {
            throw calm("more than " + limits.maxResetsPerWindow() + " streams reset in " + limits.window());
        }
    }

    /**
     * Counts a frame that carries nothing and ends nothing.
     *
     * @throws Http2Exception ENHANCE_YOUR_CALM past the limit
     */
    void emptyFrame(FrameType type) {
        if (emptyFrames.tooMany()) {
            throw calm("flood of empty " + type + " frames");
        }
    }

    /**
     * Counts a SETTINGS frame.
     *
     * @throws Http2Exception ENHANCE_YOUR_CALM past the limit
     */
    void settings() {
        if (settingsFrames.tooMany()) {
            throw calm("flood of SETTINGS frames");
        }
    }

    /**
     * Counts a PING frame.
     *
     * @throws Http2Exception ENHANCE_YOUR_CALM past the limit
     */
    void ping() {
        if (pings.tooMany()) {
            throw calm("flood of PING frames");
        }
    }

    private static Http2Exception calm(String message) {
        return Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM, message);
    }
}
