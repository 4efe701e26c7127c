package org.twisted4j.internet;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Protocol} for each connection and holds what those connections share, as Twisted's
 * {@code Factory} and {@code IProtocolFactory}.
 *
 * <h2>Using it</h2>
 * For a protocol with no shared state, {@link #forProtocol} is enough:
 *
 * <pre>{@code
 * reactor.listenTCP(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>For shared state, subclass it and override {@link #buildProtocol}:
 *
 * <pre>{@code
 * final class ChatFactory extends Factory {
 *     final Set<Chat> members = new LinkedHashSet<>();
 *     @Override
 *     public Protocol buildProtocol(Address peer) {
 *         Chat chat = new Chat(this);
 *         chat.setFactory(this);
 *         return chat;
 *     }
 * }
 * }</pre>
 *
 * <h2>Start and stop</h2>
 * Each listening port or connector that uses a factory calls {@link #doStart()} when it starts and
 * {@link #doStop()} when it stops. The factory counts them: {@link #startFactory()} runs when the first
 * starts and {@link #stopFactory()} when the last stops, so a factory shared by several ports opens and
 * closes its resources once.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class Factory {

    private final @Nullable Supplier<? extends Protocol> protocol;
    private int numPorts;

    /** For subclasses that override {@link #buildProtocol}. */
    protected Factory() {
        this.protocol = null;
    }

    /**
     * For subclasses whose protocols come from {@code protocol}.
     *
     * @param protocol makes a new protocol for each connection
     */
    protected Factory(Supplier<? extends Protocol> protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * Returns a factory whose {@link #buildProtocol} returns a new protocol from {@code protocol}, with its
     * factory set.
     *
     * @param protocol makes a new protocol for each connection, typically a constructor reference
     */
    public static Factory forProtocol(Supplier<? extends Protocol> protocol) {
        return new Factory(protocol);
    }

    /**
     * Builds the protocol for a new connection, or refuses it. By default, calls the supplier this factory
     * was made with and records this factory in the protocol.
     *
     * @param peer the address of the other end of the connection
     * @return the protocol, or null to refuse the connection (the transport then closes it)
     * @throws IllegalStateException if this factory has no supplier and the method is not overridden
     */
    public @Nullable Protocol buildProtocol(Address peer) {
        Supplier<? extends Protocol> source = protocol;
        if (source == null) {
            throw new IllegalStateException(getClass().getName() + " must override buildProtocol or be made with a supplier");
        }
        Protocol built = Objects.requireNonNull(source.get(), "the protocol supplier returned null");
        built.setFactory(this);
        return built;
    }

    /**
     * Counts one more port or connector using this factory, calling {@link #startFactory()} if it is the
     * first. Called by ports and connectors, not by application code.
     */
    public final void doStart() {
        if (numPorts == 0) {
            startFactory();
        }
        numPorts++;
    }

    /**
     * Counts one port or connector fewer, calling {@link #stopFactory()} when none is left. Called by ports
     * and connectors; a call while none is counted does nothing.
     */
    public final void doStop() {
        if (numPorts == 0) {
            return;
        }
        numPorts--;
        if (numPorts == 0) {
            stopFactory();
        }
    }

    /** Returns how many ports and connectors are using this factory now. */
    public final int numPorts() {
        return numPorts;
    }

    /**
     * Called before the first port or connector starts using this factory: the place to open what its
     * protocols share (a log file, a pool). Does nothing by default.
     */
    protected void startFactory() {
    }

    /**
     * Called after the last port or connector stopped using this factory: the place to close what
     * {@link #startFactory()} opened. Does nothing by default.
     */
    protected void stopFactory() {
    }
}
