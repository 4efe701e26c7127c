package org.twisted4j.web.http2;

import java.util.ArrayList;
import java.util.List;

/**
 * The SETTINGS an endpoint announces (RFC 9113 §6.5.2): what it allows its peer. Immutable, made with
 * {@link #builder()}; the defaults are those of {@link #DEFAULT}.
 *
 * <pre>{@code
 * Http2Settings settings = Http2Settings.builder().maxConcurrentStreams(250).initialWindowSize(1 << 20).build();
 * }</pre>
 *
 * <p>Any thread.
 */
public final class Http2Settings {
    /** SETTINGS_HEADER_TABLE_SIZE. */
    public static final int HEADER_TABLE_SIZE = 0x1;
    /** SETTINGS_ENABLE_PUSH. */
    public static final int ENABLE_PUSH = 0x2;
    /** SETTINGS_MAX_CONCURRENT_STREAMS. */
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    /** SETTINGS_INITIAL_WINDOW_SIZE. */
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    /** SETTINGS_MAX_FRAME_SIZE. */
    public static final int MAX_FRAME_SIZE = 0x5;
    /** SETTINGS_MAX_HEADER_LIST_SIZE. */
    public static final int MAX_HEADER_LIST_SIZE = 0x6;

    /** The protocol's initial flow-control window: 65,535 octets. */
    public static final int DEFAULT_WINDOW = 65_535;
    /** The smallest maximum frame size, and the protocol's initial one: 16,384 octets. */
    public static final int MIN_MAX_FRAME_SIZE = 16_384;
    /** The largest maximum frame size: 2^24 - 1 octets. */
    public static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;

    /**
     * The defaults: a 4,096-octet header table, no server push, 100 concurrent streams, 65,535-octet stream
     * windows, a 1 MiB connection window, 16,384-octet frames and 16 KiB header lists.
     */
    public static final Http2Settings DEFAULT = builder().build();

    private final int headerTableSize;
    private final int maxConcurrentStreams;
    private final int initialWindowSize;
    private final int connectionWindowSize;
    private final int maxFrameSize;
    private final int maxHeaderListSize;

    private Http2Settings(Builder builder) {
        headerTableSize = builder.headerTableSize;
        maxConcurrentStreams = builder.maxConcurrentStreams;
        initialWindowSize = builder.initialWindowSize;
        connectionWindowSize = builder.connectionWindowSize;
        maxFrameSize = builder.maxFrameSize;
        maxHeaderListSize = builder.maxHeaderListSize;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The largest HPACK dynamic table the peer's encoder may use. */
    public int headerTableSize() {
        return headerTableSize;
    }

    /** How many streams the peer may have open at once. */
    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** Each stream's receive window, in octets. */
    public int initialWindowSize() {
        return initialWindowSize;
    }

    /** The whole connection's receive window, in octets (raised by a WINDOW_UPDATE right after SETTINGS). */
    public int connectionWindowSize() {
        return connectionWindowSize;
    }

    /** The largest frame payload the peer may send. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** The largest header list accepted, counted as HPACK does (name + value + 32 per field). */
    public int maxHeaderListSize() {
        return maxHeaderListSize;
    }

    /** Returns the SETTINGS parameters to send, push always disabled. */
    List<Frame.Setting> toFrameSettings() {
        List<Frame.Setting> list = new ArrayList<>();
        list.add(new Frame.Setting(HEADER_TABLE_SIZE, headerTableSize));
        list.add(new Frame.Setting(ENABLE_PUSH, 0));
        list.add(new Frame.Setting(MAX_CONCURRENT_STREAMS, maxConcurrentStreams));
        list.add(new Frame.Setting(INITIAL_WINDOW_SIZE, initialWindowSize));
        list.add(new Frame.Setting(MAX_FRAME_SIZE, maxFrameSize));
        list.add(new Frame.Setting(MAX_HEADER_LIST_SIZE, maxHeaderListSize));
        return list;
    }

    /**
     * Checks a received SETTINGS value (§6.5.2): ENABLE_PUSH must be 0 or 1 and MAX_FRAME_SIZE within its range
     * (else PROTOCOL_ERROR), INITIAL_WINDOW_SIZE at most 2^31 - 1 (else FLOW_CONTROL_ERROR).
     */
    static void check(int id, long value) {
        switch (id) {
            case ENABLE_PUSH -> {
                if (value > 1) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH of " + value);
                }
            }
            case INITIAL_WINDOW_SIZE -> {
                if (value > Integer.MAX_VALUE) {
                    throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
                            "SETTINGS_INITIAL_WINDOW_SIZE of " + value);
                }
            }
            case MAX_FRAME_SIZE -> {
                if (value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
                    throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE of " + value);
                }
            }
            default -> {
                // Other values are all valid; unknown identifiers are ignored.
            }
        }
    }

    /** Builds {@link Http2Settings}; not thread-safe. */
    public static final class Builder {
        private int headerTableSize = 4096;
        private int maxConcurrentStreams = 100;
        private int initialWindowSize = DEFAULT_WINDOW;
        private int connectionWindowSize = 1 << 20;
        private int maxFrameSize = MIN_MAX_FRAME_SIZE;
        private int maxHeaderListSize = 16 * 1024;

        private Builder() {
        }

        /**
         * Sets the HPACK table size the peer may use (default 4,096).
         *
         * @throws IllegalArgumentException if {@code size} is negative
         */
        public Builder headerTableSize(int size) {
            headerTableSize = requireAtLeast(size, 0, "header table size");
            return this;
        }

        /**
         * Sets how many streams the peer may have open at once (default 100).
         *
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder maxConcurrentStreams(int count) {
            maxConcurrentStreams = requireAtLeast(count, 0, "max concurrent streams");
            return this;
        }

        /**
         * Sets each stream's receive window (default 65,535).
         *
         * @throws IllegalArgumentException if {@code size} is negative
         */
        public Builder initialWindowSize(int size) {
            initialWindowSize = requireAtLeast(size, 0, "initial window size");
            return this;
        }

        /**
         * Sets the connection's receive window (default 1 MiB).
         *
         * @throws IllegalArgumentException if {@code size} is below 65,535, the protocol's initial window
         */
        public Builder connectionWindowSize(int size) {
            connectionWindowSize = requireAtLeast(size, DEFAULT_WINDOW, "connection window size");
            return this;
        }

        /**
         * Sets the largest frame payload the peer may send (default 16,384).
         *
         * @throws IllegalArgumentException if {@code size} is outside 16,384 .. 2^24 - 1
         */
        public Builder maxFrameSize(int size) {
            if (size > MAX_MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("max frame size " + size + " is above 2^24 - 1");
            }
            maxFrameSize = requireAtLeast(size, MIN_MAX_FRAME_SIZE, "max frame size");
            return this;
        }

        /**
         * Sets the largest header list accepted (default 16 KiB).
         *
         * @throws IllegalArgumentException if {@code size} is below 1
         */
        public Builder maxHeaderListSize(int size) {
            maxHeaderListSize = requireAtLeast(size, 1, "max header list size");
            return this;
        }

        /** Returns the settings. */
        public Http2Settings build() {
            return new Http2Settings(this);
        }

        private static int requireAtLeast(int value, int least, String what) {
            if (value < least) {
                throw new IllegalArgumentException(what + " " + value + " is below " + least);
            }
            return value;
        }
    }
}
