package org.twisted4j.protocols.policies;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.UNIXAddress;

/**
 * A factory that allows each peer host only so many connections at once, as Twisted's
 * {@code LimitConnectionsByPeer}; connections beyond the limit are refused ({@link #buildProtocol}
 * returns null).
 *
 * <pre>{@code
 * LimitConnectionsByPeer limited = new LimitConnectionsByPeer(Factory.forProtocol(Chat::new));
 * limited.setMaxConnectionsPerPeer(3);
 * reactor.listenTCP(6667, limited);
 * }</pre>
 *
 * <p>Peers are told apart by host only (IP address, whatever the port); all UNIX-socket peers count as one.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class LimitConnectionsByPeer extends WrappingFactory {

    /** The default {@link #maxConnectionsPerPeer()}: 5, as Twisted's. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_PEER = 5;

    private final Map<Object, Integer> connectionsByHost = new HashMap<>();
    private final Map<ProtocolWrapper, Object> hostOf = new IdentityHashMap<>();
    private int maxConnectionsPerPeer = DEFAULT_MAX_CONNECTIONS_PER_PEER;

    /**
     * Wraps {@code wrappedFactory}.
     *
     * @param wrappedFactory the factory that builds the real protocols
     */
    public LimitConnectionsByPeer(Factory wrappedFactory) {
        super(wrappedFactory);
    }

    /** Returns the most connections one host may have open at once. */
    public final int maxConnectionsPerPeer() {
        return maxConnectionsPerPeer;
    }

    /**
     * Sets the most connections one host may have open at once; connections already open stay open.
     *
     * @param max the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setMaxConnectionsPerPeer(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the per-peer connection limit must not be negative, not " + max);
        }
        maxConnectionsPerPeer = max;
    }

    /**
     * Returns how many connections the host of {@code peer} has open (or built and about to open).
     *
     * @param peer an address of the host; its port does not matter
     */
    public final int connectionsFrom(Address peer) {
        return connectionsByHost.getOrDefault(hostKey(peer), 0);
    }

    /** Builds and wraps the wrapped factory's protocol, or returns null if the peer's host is at its limit. */
    @Override
    public @Nullable ProtocolWrapper buildProtocol(Address peer) {
        Object host = hostKey(peer);
        int open = connectionsByHost.getOrDefault(host, 0);
        if (open >= maxConnectionsPerPeer) {
            return null;
        }
        ProtocolWrapper built = super.buildProtocol(peer);
        if (built != null) {
            connectionsByHost.put(host, open + 1);
            hostOf.put(built, host);
        }
        return built;
    }

    @Override
    protected void unregisterProtocol(ProtocolWrapper protocol) {
        super.unregisterProtocol(protocol);
        Object host = hostOf.remove(protocol);
        if (host != null) {
            connectionsByHost.computeIfPresent(host, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static Object hostKey(Address peer) {
        return switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            case UNIXAddress a -> UNIXAddress.class;
        };
    }
}
