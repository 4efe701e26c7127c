package org.twisted4j.protocols.policies;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/**
 * A factory that limits how many connections are open at once, as Twisted's
 * {@code LimitTotalConnectionsFactory}. Beyond the limit a connection is either refused
 * ({@link #buildProtocol} returns null), or, if an overflow protocol is set, given that protocol instead,
 * typically one that says "too busy" and closes.
 *
 * <pre>{@code
 * LimitTotalConnectionsFactory limited = new LimitTotalConnectionsFactory(Factory.forProtocol(Web::new));
 * limited.setConnectionLimit(1000);
 * limited.setOverflowProtocol(TooBusy::new);
 * }</pre>
 *
 * <p>Overflow connections count towards {@link #connectionCount()} too, as in Twisted, so while they
 * linger no new regular connection is accepted.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class LimitTotalConnectionsFactory extends WrappingFactory {

    private int connectionLimit = Integer.MAX_VALUE;
    private @Nullable Supplier<? extends Protocol> overflowProtocol;
    private int connectionCount;

    /**
     * Wraps {@code wrappedFactory}, with no limit until one is set.
     *
     * @param wrappedFactory the factory that builds the regular protocols
     */
    public LimitTotalConnectionsFactory(Factory wrappedFactory) {
        super(wrappedFactory);
    }

    /** Returns the most regular connections open at once; {@link Integer#MAX_VALUE} unless set. */
    public final int connectionLimit() {
        return connectionLimit;
    }

    /**
     * Sets the most connections open at once.
     *
     * @param limit the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setConnectionLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the connection limit must not be negative, not " + limit);
        }
        connectionLimit = limit;
    }

    /**
     * Sets the protocol for connections beyond the limit.
     *
     * @param overflowProtocol makes the protocol for each connection beyond the limit, or null to refuse
     *     them
     */
    public final void setOverflowProtocol(@Nullable Supplier<? extends Protocol> overflowProtocol) {
        this.overflowProtocol = overflowProtocol;
    }

    /** Returns how many connections are open (or built and about to open), overflow ones included. */
    public final int connectionCount() {
        return connectionCount;
    }

    /**
     * Builds the regular protocol while under the limit, the overflow protocol beyond it, or returns null
     * beyond it when there is no overflow protocol.
     */
    @Override
    public @Nullable ProtocolWrapper buildProtocol(Address peer) {
        Protocol built;
        if (connectionCount < connectionLimit) {
            built = wrappedFactory().buildProtocol(peer);
        } else if (overflowProtocol != null) {
            built = Objects.requireNonNull(overflowProtocol.get(), "the overflow protocol supplier returned null");
            built.setFactory(this);
        } else {
            return null;
        }
        if (built == null) {
            return null;
        }
        connectionCount++;
        return wrap(built, peer);
    }

    @Override
    protected void unregisterProtocol(ProtocolWrapper protocol) {
        super.unregisterProtocol(protocol);
        connectionCount--;
    }
}
