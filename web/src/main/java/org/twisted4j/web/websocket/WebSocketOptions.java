package org.twisted4j.web.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of WebSocket connections, for a {@link WebSocketResource} or {@link WebSocketClient}: size
 * limits, the close timeout, permessage-deflate and subprotocols. Immutable; made by a {@link Builder}.
 *
 * <pre>{@code
 * WebSocketOptions options = WebSocketOptions.builder()
 *         .maxMessageSize(1 << 20)
 *         .subprotocols(List.of("chat.v2"))
 *         .build();
 * }</pre>
 *
 * <p>Threading: any thread.
 *
 * @param maxFrameSize the largest frame payload accepted, in bytes; a larger one closes the connection with
 *     {@link CloseCodes#MESSAGE_TOO_BIG}. Default {@link #DEFAULT_MAX_FRAME_SIZE}.
 * @param maxMessageSize the largest message accepted, in bytes after decompression; a larger one closes the
 *     connection with {@link CloseCodes#MESSAGE_TOO_BIG}. Default {@link #DEFAULT_MAX_MESSAGE_SIZE}.
 * @param closeTimeout how long to wait for the peer's part of the close handshake before closing the TCP
 *     connection anyway. Default {@link #DEFAULT_CLOSE_TIMEOUT}.
 * @param permessageDeflate whether to offer (client) or accept (server) permessage-deflate. Default true.
 * @param noContextTakeover whether to ask that both compressors start afresh with every message, which costs
 *     compression but lets each message be decompressed alone. Default false.
 * @param subprotocols the subprotocols a client offers, or a server accepts, in order of preference. Default
 *     none.
 */
public record WebSocketOptions(long maxFrameSize, int maxMessageSize, Duration closeTimeout,
        boolean permessageDeflate, boolean noContextTakeover, List<String> subprotocols) {

    /** The default largest frame payload: 16 MiB. */
    public static final long DEFAULT_MAX_FRAME_SIZE = 16L << 20;
    /** The default largest message: 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 << 20;
    /** The default close timeout: 5 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** The largest message size a connection can collect in memory. */
    static final int MESSAGE_SIZE_CEILING = Integer.MAX_VALUE - 16;

    /**
     * Checks the settings; use {@link #builder()} rather than this.
     *
     * @throws IllegalArgumentException if a size is not positive, the message size is above 2^31 - 17 bytes,
     *     the timeout is negative, or a subprotocol is not an HTTP token
     */
    public WebSocketOptions {
        if (maxFrameSize <= 0 || maxMessageSize <= 0 || maxMessageSize > MESSAGE_SIZE_CEILING) {
            throw new IllegalArgumentException("sizes must be positive and messages below 2^31 - 16 bytes");
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("negative close timeout " + closeTimeout);
        }
        subprotocols = List.copyOf(subprotocols);
        for (String subprotocol : subprotocols) {
            if (!HeaderTokens.isToken(subprotocol)) {
                throw new IllegalArgumentException("subprotocol is not a token: " + subprotocol);
            }
        }
    }

    /** Returns the default settings. */
    public static WebSocketOptions defaults() {
        return builder().build();
    }

    /** Returns a builder starting from the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder starting from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxFrameSize = maxFrameSize;
        builder.maxMessageSize = maxMessageSize;
        builder.closeTimeout = closeTimeout;
        builder.permessageDeflate = permessageDeflate;
        builder.noContextTakeover = noContextTakeover;
        builder.subprotocols = subprotocols;
        return builder;
    }

    /** Builds {@link WebSocketOptions}; each setter returns the builder. Reactor thread or any one thread. */
    public static final class Builder {
        private long maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean permessageDeflate = true;
        private boolean noContextTakeover;
        private List<String> subprotocols = List.of();

        private Builder() {
        }

        /**
         * Sets the largest frame payload accepted.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxFrameSize(long bytes) {
            maxFrameSize = bytes;
            return this;
        }

        /**
         * Sets the largest message accepted, after decompression.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            maxMessageSize = bytes;
            return this;
        }

        /**
         * Sets how long to wait for the peer's part of the close handshake.
         *
         * @param timeout the wait
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets whether to offer or accept permessage-deflate.
         *
         * @param enabled whether to
         * @return this builder
         */
        public Builder permessageDeflate(boolean enabled) {
            permessageDeflate = enabled;
            return this;
        }

        /**
         * Sets whether to ask that compression starts afresh with every message.
         *
         * @param enabled whether to
         * @return this builder
         */
        public Builder noContextTakeover(boolean enabled) {
            noContextTakeover = enabled;
            return this;
        }

        /**
         * Sets the subprotocols to offer or accept, in order of preference.
         *
         * @param names the subprotocol names, HTTP tokens
         * @return this builder
         */
        public Builder subprotocols(List<String> names) {
            subprotocols = List.copyOf(names);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException as the {@link WebSocketOptions} constructor
         */
        public WebSocketOptions build() {
            return new WebSocketOptions(maxFrameSize, maxMessageSize, closeTimeout, permessageDeflate,
                    noContextTakeover, subprotocols);
        }
    }
}
