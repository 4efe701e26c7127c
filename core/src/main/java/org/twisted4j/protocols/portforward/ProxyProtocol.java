package org.twisted4j.protocols.portforward;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;

/**
 * One end of a relay between two connections, as Twisted's {@code portforward.Proxy}: what one end reads,
 * the other writes, until either closes.
 *
 * <h2>Using it</h2>
 * Two connected ends are joined with {@link #relayTo}; {@link ProxyServer} and {@link ProxyClient} do that
 * for a port forwarder, and a protocol that first speaks something of its own (such as a SOCKS server) can
 * extend this class and call {@link #relayTo} once it is ready:
 *
 * <pre>{@code
 * // in a subclass, once the outgoing connection (another ProxyProtocol) is made:
 * transport().write(greeting);
 * relayTo(outgoing);
 * }</pre>
 *
 * <h2>Back-pressure</h2>
 * {@link #relayTo} registers, on each end's transport, a streaming producer that pauses and resumes reading
 * on the other end. When this end's write buffer fills past the reactor's high-water mark, the other end
 * stops reading until it has drained, so a fast sender talking to a slow receiver is slowed down to the
 * receiver's pace instead of filling memory. The numbers {@link #pauses()}, {@link #bytesRelayed()} and
 * {@link #maxBytesRelayedWhilePaused()} show it at work.
 *
 * <h2>Closing</h2>
 * When one end's connection is lost, the other end closes after writing what it has buffered. Bytes that
 * arrive before the ends are joined are kept and relayed at {@link #relayTo}; callers keep that small by
 * pausing the transport until then, as {@link ProxyServer} does.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class ProxyProtocol extends Protocol {

    private @Nullable ProxyProtocol peer;
    private final List<ByteBuffer> early = new ArrayList<>();
    private boolean lost;
    private boolean brakeOnOwnTransport;
    private boolean pausedByPeer;
    private int pauses;
    private long bytesRelayed;
    private long relayedThisPause;
    private long maxRelayedWhilePaused;

    /** Creates an end that is not joined to another yet. */
    public ProxyProtocol() {
    }

    /** Returns the other end, or null before {@link #relayTo}. */
    public final @Nullable ProxyProtocol peer() {
        return peer;
    }

    /** Returns whether this end's connection has been lost. */
    public final boolean isLost() {
        return lost;
    }

    /**
     * Joins this end and {@code other}, both connected, into a relay: each writes what the other reads,
     * each one's write buffer regulates the other's reading, and both transports resume reading. Bytes
     * either end received before are written to the other first. If either end is already lost, the other
     * is closed instead.
     *
     * @param other the other end
     * @throws IllegalStateException if either end is already joined, or not connected yet
     */
    public final void relayTo(ProxyProtocol other) {
        Objects.requireNonNull(other, "other");
        if (peer != null || other.peer != null || other == this) {
            throw new IllegalStateException("already relaying: " + this + " / " + other);
        }
        transport();
        other.transport();
        peer = other;
        other.peer = this;
        if (lost || other.lost) {
            if (!lost) {
                peerLost();
            }
            if (!other.lost) {
                other.peerLost();
            }
            return;
        }
        transport().registerProducer(new Brake(other), true);
        brakeOnOwnTransport = true;
        other.transport().registerProducer(new Brake(this), true);
        other.brakeOnOwnTransport = true;
        flushEarly();
        other.flushEarly();
        for (ProxyProtocol end : List.of(this, other)) {
            if (!end.transport().isDisconnecting()) {
                end.transport().resumeProducing();
            }
        }
    }

    private void flushEarly() {
        ProxyProtocol target = Objects.requireNonNull(peer);
        for (ByteBuffer buffer : early) {
            bytesRelayed += buffer.remaining();
            target.transport().write(buffer);
        }
        early.clear();
    }

    /**
     * Writes {@code data} to the other end's transport (a copy: the buffer is the transport's to reuse),
     * or keeps it until {@link #relayTo} if there is no other end yet.
     */
    @Override
    public void dataReceived(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        ProxyProtocol target = peer;
        if (target == null) {
            early.add(copy);
            return;
        }
        int count = copy.remaining();
        bytesRelayed += count;
        target.transport().write(copy);
        if (pausedByPeer) {
            relayedThisPause += count;
            maxRelayedWhilePaused = Math.max(maxRelayedWhilePaused, relayedThisPause);
        }
    }

    /** Closes the other end, once it has written what it buffered. Subclasses must call this one. */
    @Override
    public void connectionLost(Failure reason) {
        lost = true;
        brakeOnOwnTransport = false; // the transport has dropped (and stopped) its producer
        early.clear();
        ProxyProtocol other = peer;
        if (other != null && !other.lost) {
            other.peerLost();
        }
    }

    /** The other end is gone: stop being regulated by it and close after flushing. */
    private void peerLost() {
        if (brakeOnOwnTransport) {
            brakeOnOwnTransport = false;
            transport().unregisterProducer();
        }
        transport().loseConnection();
    }

    /**
     * Called when the outgoing connection this end asked for is made; joins the two with {@link #relayTo}
     * by default, or closes {@code outgoing} if this end is lost meanwhile. Subclasses that answer their
     * client first (a SOCKS reply) override it.
     *
     * @param outgoing the end of the new outgoing connection
     */
    protected void outgoingConnected(ProxyProtocol outgoing) {
        if (lost) {
            outgoing.transport().loseConnection();
        } else {
            relayTo(outgoing);
        }
    }

    /**
     * Called when the outgoing connection this end asked for could not be made; closes this end by default.
     *
     * @param reason why, typically a {@link org.twisted4j.internet.ConnectError}
     */
    protected void outgoingFailed(Failure reason) {
        if (!lost) {
            transport().loseConnection();
        }
    }

    /** Returns how many bytes this end received and handed to the other end. */
    public final long bytesRelayed() {
        return bytesRelayed;
    }

    /** Returns whether this end has stopped reading for now because the other end's write buffer is full. */
    public final boolean isPausedByPeer() {
        return pausedByPeer;
    }

    /** Returns how many times this end stopped reading because the other end's write buffer was full. */
    public final int pauses() {
        return pauses;
    }

    /**
     * Returns the most bytes this end handed to the other end during one pause, counting the write that
     * filled the buffer: how far past its high-water mark the other end's write buffer can have grown. One
     * read's worth at most when back-pressure works.
     */
    public final long maxBytesRelayedWhilePaused() {
        return maxRelayedWhilePaused;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (lost ? "lost, " : "") + bytesRelayed + " bytes relayed, "
                + pauses + " pauses]";
    }

    /** Registered on one end's transport: its write buffer pauses and resumes reading on {@code source}. */
    private static final class Brake implements PushProducer {
        private final ProxyProtocol source;

        Brake(ProxyProtocol source) {
            this.source = source;
        }

        @Override
        public void pauseProducing() {
            if (source.lost || source.pausedByPeer || source.transport().isDisconnecting()) {
                return;
            }
            source.pausedByPeer = true;
            source.pauses++;
            source.relayedThisPause = 0;
            source.transport().pauseProducing();
        }

        @Override
        public void resumeProducing() {
            if (source.lost || !source.pausedByPeer) {
                return;
            }
            source.pausedByPeer = false;
            if (!source.transport().isDisconnecting()) {
                source.transport().resumeProducing();
            }
        }

        @Override
        public void stopProducing() {
            // The consumer's connection is gone; its connectionLost closes the source.
        }
    }
}
