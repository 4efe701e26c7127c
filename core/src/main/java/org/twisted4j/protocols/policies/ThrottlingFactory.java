package org.twisted4j.protocols.policies;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.Transport;
import org.twisted4j.logger.Logger;

/**
 * A factory that limits the bandwidth and the number of connections of the factory it wraps, as Twisted's
 * {@code ThrottlingFactory}. The limits hold for all its connections together.
 *
 * <pre>{@code
 * ThrottlingFactory throttled = new ThrottlingFactory(Factory.forProtocol(Upload::new), reactor);
 * throttled.setReadLimit(100_000);         // bytes per second, all connections together
 * throttled.setMaxConnectionCount(50);
 * reactor.listenTCP(8021, throttled);
 * }</pre>
 *
 * <h2>How it throttles</h2>
 * Time is cut into one-second rounds on the factory's clock, starting when it goes from no connection to
 * one. At the end of each round, if more than the read limit was read in it, reading is paused on every
 * connection ({@link Transport#pauseProducing()}) for as long as the surplus would take at the limit
 * ({@code read / limit - 1} seconds), then resumed; the same goes for writes, which are paused by pausing
 * each connection's registered {@link PushProducer}. Writes made without a push producer are counted but
 * cannot be held back. A connection made (or a producer registered) while throttled starts paused. When
 * the last connection closes, the rounds stop.
 *
 * <p>Throttling composes with the other reasons to pause: when the wrapped protocol paused reading itself,
 * or the transport paused the producer because its write buffer is full, the end of a throttle leaves
 * that pause in place, and the end of that pause leaves the throttle in place.
 *
 * <p>Connections beyond {@link #maxConnectionCount()} are refused ({@link #buildProtocol} returns null).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ThrottlingFactory extends WrappingFactory {

    /** The limit value that means no limit: reads or writes are not throttled. */
    public static final long UNLIMITED = 0;

    private static final Logger LOG = Logger.forClass(ThrottlingFactory.class);

    private final ReactorTime clock;
    private int maxConnectionCount = Integer.MAX_VALUE;
    private long readLimit = UNLIMITED;
    private long writeLimit = UNLIMITED;
    private int connectionCount;
    private long readThisSecond;
    private long writtenThisSecond;
    private boolean readsThrottled;
    private boolean writesThrottled;
    private @Nullable DelayedCall checkReads;
    private @Nullable DelayedCall checkWrites;
    private @Nullable DelayedCall unthrottleReads;
    private @Nullable DelayedCall unthrottleWrites;

    /**
     * Wraps {@code wrappedFactory}, with no limits until they are set.
     *
     * @param wrappedFactory the factory that builds the real protocols
     * @param clock the clock that times the rounds, normally the reactor
     */
    public ThrottlingFactory(Factory wrappedFactory, ReactorTime clock) {
        super(wrappedFactory);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the most connections open at once; {@link Integer#MAX_VALUE} unless set. */
    public final int maxConnectionCount() {
        return maxConnectionCount;
    }

    /**
     * Sets the most connections open at once; connections beyond it are refused.
     *
     * @param count the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setMaxConnectionCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("the connection limit must not be negative, not " + count);
        }
        maxConnectionCount = count;
    }

    /** Returns the read limit in bytes per second, or {@link #UNLIMITED}. */
    public final long readLimit() {
        return readLimit;
    }

    /**
     * Sets the read limit, for all connections together. Set while connections are open, it takes effect
     * with the next round.
     *
     * @param bytesPerSecond the limit, or {@link #UNLIMITED} for none
     * @throws IllegalArgumentException if it is negative
     */
    public final void setReadLimit(long bytesPerSecond) {
        readLimit = checkLimit(bytesPerSecond);
        if (connectionCount > 0 && readLimit != UNLIMITED && checkReads == null) {
            checkReads = clock.callLater(1, this::checkReadBandwidth);
        }
    }

    /** Returns the write limit in bytes per second, or {@link #UNLIMITED}. */
    public final long writeLimit() {
        return writeLimit;
    }

    /**
     * Sets the write limit, for all connections together. Set while connections are open, it takes effect
     * with the next round.
     *
     * @param bytesPerSecond the limit, or {@link #UNLIMITED} for none
     * @throws IllegalArgumentException if it is negative
     */
    public final void setWriteLimit(long bytesPerSecond) {
        writeLimit = checkLimit(bytesPerSecond);
        if (connectionCount > 0 && writeLimit != UNLIMITED && checkWrites == null) {
            checkWrites = clock.callLater(1, this::checkWriteBandwidth);
        }
    }

    private static long checkLimit(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a bandwidth limit must not be negative, not " + bytesPerSecond);
        }
        return bytesPerSecond;
    }

    /** Returns how many connections are open (or built and about to open). */
    public final int connectionCount() {
        return connectionCount;
    }

    /** Returns whether reading is paused on every connection for exceeding the read limit. */
    public final boolean isReadThrottled() {
        return readsThrottled;
    }

    /** Returns whether writing is paused on every connection for exceeding the write limit. */
    public final boolean isWriteThrottled() {
        return writesThrottled;
    }

    /**
     * Builds and wraps the wrapped factory's protocol, or returns null when {@link #maxConnectionCount()}
     * connections are open. The first connection starts the rounds.
     */
    @Override
    public @Nullable ProtocolWrapper buildProtocol(Address peer) {
        if (connectionCount >= maxConnectionCount) {
            LOG.info("Refusing a connection from {peer}: {count} connections are open, the most allowed",
                    "peer", peer, "count", connectionCount);
            return null;
        }
        if (connectionCount == 0) {
            if (readLimit != UNLIMITED) {
                checkReadBandwidth();
            }
            if (writeLimit != UNLIMITED) {
                checkWriteBandwidth();
            }
        }
        ProtocolWrapper built = super.buildProtocol(peer);
        if (built != null) {
            connectionCount++;
        } else if (connectionCount == 0) {
            stopRounds();
        }
        return built;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(Protocol wrapped, Address peer) {
        return new ThrottlingProtocol(this, wrapped);
    }

    /** Forgets the connection; when it was the last, stops the rounds. */
    @Override
    protected void unregisterProtocol(ProtocolWrapper protocol) {
        super.unregisterProtocol(protocol);
        connectionCount--;
        if (connectionCount == 0) {
            stopRounds();
        }
    }

    private void stopRounds() {
        checkReads = cancel(checkReads);
        checkWrites = cancel(checkWrites);
        unthrottleReads = cancel(unthrottleReads);
        unthrottleWrites = cancel(unthrottleWrites);
        readsThrottled = false;
        writesThrottled = false;
        readThisSecond = 0;
        writtenThisSecond = 0;
    }

    private static @Nullable DelayedCall cancel(@Nullable DelayedCall call) {
        if (call != null && call.active()) {
            call.cancel();
        }
        return null;
    }

    private void checkReadBandwidth() {
        checkReads = null;
        if (readLimit == UNLIMITED) {
            readThisSecond = 0;
            return;
        }
        if (readThisSecond > readLimit) {
            throttleReads();
            cancel(unthrottleReads);
            unthrottleReads = clock.callLater((double) readThisSecond / readLimit - 1.0, this::unthrottleReads);
        }
        readThisSecond = 0;
        checkReads = clock.callLater(1, this::checkReadBandwidth);
    }

    private void checkWriteBandwidth() {
        checkWrites = null;
        if (writeLimit == UNLIMITED) {
            writtenThisSecond = 0;
            return;
        }
        if (writtenThisSecond > writeLimit) {
            throttleWrites();
            cancel(unthrottleWrites);
            unthrottleWrites = clock.callLater((double) writtenThisSecond / writeLimit - 1.0, this::unthrottleWrites);
        }
        writtenThisSecond = 0;
        checkWrites = clock.callLater(1, this::checkWriteBandwidth);
    }

    private void throttleReads() {
        LOG.info("Throttling reads on {factory}", "factory", this);
        readsThrottled = true;
        forEachConnection(ThrottlingProtocol::throttleReads);
    }

    private void unthrottleReads() {
        unthrottleReads = null;
        LOG.info("Stopped throttling reads on {factory}", "factory", this);
        readsThrottled = false;
        forEachConnection(ThrottlingProtocol::unthrottleReads);
    }

    private void throttleWrites() {
        LOG.info("Throttling writes on {factory}", "factory", this);
        writesThrottled = true;
        forEachConnection(ThrottlingProtocol::throttleWrites);
    }

    private void unthrottleWrites() {
        unthrottleWrites = null;
        LOG.info("Stopped throttling writes on {factory}", "factory", this);
        writesThrottled = false;
        forEachConnection(ThrottlingProtocol::unthrottleWrites);
    }

    private void forEachConnection(Consumer<ThrottlingProtocol> action) {
        for (ProtocolWrapper protocol : List.copyOf(protocols())) {
            if (protocol instanceof ThrottlingProtocol throttling) {
                action.accept(throttling);
            }
        }
    }

    /** The wrapper of one connection: counts bytes, and pauses and resumes on the factory's word. */
    private static final class ThrottlingProtocol extends ProtocolWrapper {
        private final ThrottlingFactory factory;
        private @Nullable PushProducer producer;
        private boolean transportPausedWrites;
        private boolean throttlePausedWrites;
        private boolean readPaused;
        private boolean protocolPaused;

        ThrottlingProtocol(ThrottlingFactory factory, Protocol wrapped) {
            super(factory, wrapped);
            this.factory = factory;
        }

        @Override
        public void makeConnection(Transport transport) {
            super.makeConnection(transport);
            if (factory.readsThrottled && !isDisconnecting()) {
                throttleReads();
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            factory.readThisSecond += data.remaining();
            super.dataReceived(data);
        }

        @Override
        public void write(ByteBuffer data) {
            factory.writtenThisSecond += data.remaining();
            super.write(data);
        }

        @Override
        public void writeSequence(List<ByteBuffer> data) {
            for (ByteBuffer buffer : data) {
                factory.writtenThisSecond += buffer.remaining();
            }
            super.writeSequence(data);
        }

        /**
         * Registers the producer; a push producer is registered through a go-between, so that a pause by
         * the transport (its buffer is full) and a pause by the throttle are both honoured: the producer
         * resumes only when neither holds it.
         */
        @Override
        public void registerProducer(Producer producer, boolean streaming) {
            if (!(streaming && producer instanceof PushProducer push)) {
                super.registerProducer(producer, streaming);
                return;
            }
            super.registerProducer(new PushProducer() {
                @Override
                public void pauseProducing() {
                    if (!transportPausedWrites) {
                        transportPausedWrites = true;
                        if (!throttlePausedWrites) {
                            push.pauseProducing();
                        }
                    }
                }

                @Override
                public void resumeProducing() {
                    if (transportPausedWrites) {
                        transportPausedWrites = false;
                        if (!throttlePausedWrites) {
                            push.resumeProducing();
                        }
                    }
                }

                @Override
                public void stopProducing() {
                    push.stopProducing();
                }
            }, true);
            this.producer = push;
            transportPausedWrites = false;
            throttlePausedWrites = false;
            if (factory.writesThrottled) {
                throttleWrites();
            }
        }

        @Override
        public void unregisterProducer() {
            producer = null;
            super.unregisterProducer();
        }

        /** The wrapped protocol paused reading itself; the throttle's resume leaves it paused. */
        @Override
        public void pauseProducing() {
            protocolPaused = true;
            if (!readPaused) {
                super.pauseProducing();
            }
        }

        /** The wrapped protocol resumed reading; while throttled, reading stays paused until the throttle ends. */
        @Override
        public void resumeProducing() {
            protocolPaused = false;
            if (!readPaused) {
                super.resumeProducing();
            }
        }

        void throttleReads() {
            if (!readPaused) {
                readPaused = true;
                if (!protocolPaused) {
                    transport().pauseProducing();
                }
            }
        }

        void unthrottleReads() {
            if (readPaused) {
                readPaused = false;
                if (!protocolPaused) {
                    transport().resumeProducing();
                }
            }
        }

        void throttleWrites() {
            PushProducer push = producer;
            if (push != null && !throttlePausedWrites) {
                throttlePausedWrites = true;
                if (!transportPausedWrites) {
                    push.pauseProducing();
                }
            }
        }

        void unthrottleWrites() {
            PushProducer push = producer;
            if (push != null && throttlePausedWrites) {
                throttlePausedWrites = false;
                if (!transportPausedWrites) {
                    push.resumeProducing();
                }
            }
        }
    }
}
