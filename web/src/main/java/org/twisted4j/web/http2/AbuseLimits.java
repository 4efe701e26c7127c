package org.twisted4j.web.http2;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits that stop a peer from making an HTTP/2 connection expensive for us, each with a default. Immutable,
 * made with {@link #builder()}.
 *
 * <ul>
 *   <li>Resets: more than {@link #maxResetsPerWindow} streams reset within one {@link #window} — by the peer's
 *       RST_STREAM (the "rapid reset" attack, CVE-2023-44487) or by our RST_STREAM answering the peer's stream
 *       errors — end the connection with GOAWAY ENHANCE_YOUR_CALM. Default 200 per 10 seconds.
 *   <li>Empty frames: DATA without payload or END_STREAM, HEADERS or CONTINUATION without a fragment or
 *       END_HEADERS, beyond {@link #maxEmptyFramesPerWindow} per window: ENHANCE_YOUR_CALM. Default 100.
 *   <li>SETTINGS and PING: beyond {@link #maxSettingsPerWindow} and {@link #maxPingsPerWindow} per window
 *       (acknowledgements not counted): ENHANCE_YOUR_CALM. Default 100 each.
 *   <li>Header blocks: more than {@link #maxContinuationFrames} CONTINUATION frames or more than
 *       {@link #maxHeaderBlockBytes} compressed octets in one block: ENHANCE_YOUR_CALM, so a block is never
 *       buffered without bound. Defaults 32 frames and 64 KiB.
 * </ul>
 * A header list over {@link Http2Settings#maxHeaderListSize()} is answered with status 431 on its stream only.
 *
 * <pre>{@code
 * AbuseLimits limits = AbuseLimits.builder().maxResetsPerWindow(50).window(Duration.ofSeconds(1)).build();
 * }</pre>
 *
 * <p>Any thread.
 */
public final class AbuseLimits {
    /** The defaults listed above. */
    public static final AbuseLimits DEFAULT = builder().build();

    private final int maxResetsPerWindow;
    private final int maxEmptyFramesPerWindow;
    private final int maxSettingsPerWindow;
    private final int maxPingsPerWindow;
    private final Duration window;
    private final int maxContinuationFrames;
    private final int maxHeaderBlockBytes;

    private AbuseLimits(Builder b) {
        maxResetsPerWindow = b.maxResetsPerWindow;
        maxEmptyFramesPerWindow = b.maxEmptyFramesPerWindow;
        maxSettingsPerWindow = b.maxSettingsPerWindow;
        maxPingsPerWindow = b.maxPingsPerWindow;
        window = b.window;
        maxContinuationFrames = b.maxContinuationFrames;
        maxHeaderBlockBytes = b.maxHeaderBlockBytes;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Streams reset (by either side) allowed per window. */
    public int maxResetsPerWindow() {
        return maxResetsPerWindow;
    }

    /** Empty DATA, HEADERS and CONTINUATION frames allowed per window. */
    public int maxEmptyFramesPerWindow() {
        return maxEmptyFramesPerWindow;
    }

    /** SETTINGS frames (not acknowledgements) allowed per window. */
    public int maxSettingsPerWindow() {
        return maxSettingsPerWindow;
    }

    /** PING frames (not acknowledgements) allowed per window. */
    public int maxPingsPerWindow() {
        return maxPingsPerWindow;
    }

    /** The window of time the counts above are kept over. */
    public Duration window() {
        return window;
    }

    /** CONTINUATION frames allowed in one header block. */
    public int maxContinuationFrames() {
        return maxContinuationFrames;
    }

    /** Compressed octets allowed in one header block. */
    public int maxHeaderBlockBytes() {
        return maxHeaderBlockBytes;
    }

    /** Builds {@link AbuseLimits}; not thread-safe. */
    public static final class Builder {
        private int maxResetsPerWindow = 200;
        private int maxEmptyFramesPerWindow = 100;
        private int maxSettingsPerWindow = 100;
        private int maxPingsPerWindow = 100;
        private Duration window = Duration.ofSeconds(10);
        private int maxContinuationFrames = 32;
        private int maxHeaderBlockBytes = 64 * 1024;

        private Builder() {
        }

        /**
         * Sets the resets allowed per window.
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxResetsPerWindow(int count) {
            maxResetsPerWindow = notNegative(count);
            return this;
        }

        /**
         * Sets the empty frames allowed per window.
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxEmptyFramesPerWindow(int count) {
            maxEmptyFramesPerWindow = notNegative(count);
            return this;
        }

        /**
         * Sets the SETTINGS frames allowed per window.
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxSettingsPerWindow(int count) {
            maxSettingsPerWindow = notNegative(count);
            return this;
        }

        /**
         * Sets the PING frames allowed per window.
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxPingsPerWindow(int count) {
            maxPingsPerWindow = notNegative(count);
            return this;
        }

        /**
         * Sets the window of time the counts are kept over.
         *
         * @throws IllegalArgumentException if {@code window} is not positive
         * @throws NullPointerException if {@code window} is null
         */
        public Builder window(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window " + window + " is not positive");
            }
            this.window = window;
            return this;
        }

        /**
         * Sets the CONTINUATION frames allowed in one header block.
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxContinuationFrames(int count) {
            maxContinuationFrames = notNegative(count);
            return this;
        }

        /**
         * Sets the compressed octets allowed in one header block.
         *
         * @throws IllegalArgumentException if {@code octets} is negative
         */
        public Builder maxHeaderBlockBytes(int octets) {
            maxHeaderBlockBytes = notNegative(octets);
            return this;
        }

        /** Returns the limits. */
        public AbuseLimits build() {
            return new AbuseLimits(this);
        }

        private static int notNegative(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("limit " + value + " is negative");
            }
            return value;
        }
    }
}
