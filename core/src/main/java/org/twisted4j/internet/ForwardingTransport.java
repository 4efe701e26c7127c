package org.twisted4j.internet;

/**
 * A transport that passes the connection's controls on to another transport beneath it: a protocol that is
 * itself the transport of the protocol it carries (a wrapper, a Telnet layer) implements this and overrides
 * only what it changes, usually {@link #write}. What passes on unchanged: closing, aborting, the addresses,
 * producer registration and pausing, resuming and stopping the reading.
 *
 * <p>A {@link Protocol} that implements it needs nothing more: its {@link Protocol#transport()} is the
 * transport beneath.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as the transport beneath.
 */
public interface ForwardingTransport extends Transport {

    /** Returns the transport every call is passed on to. */
    Transport transport();

    @Override
    default void loseConnection() {
        transport().loseConnection();
    }

    @Override
    default void abortConnection() {
        transport().abortConnection();
    }

    @Override
    default boolean isDisconnecting() {
        return transport().isDisconnecting();
    }

    @Override
    default Address getPeer() {
        return transport().getPeer();
    }

    @Override
    default Address getHost() {
        return transport().getHost();
    }

    @Override
    default void registerProducer(Producer producer, boolean streaming) {
        transport().registerProducer(producer, streaming);
    }

    @Override
    default void unregisterProducer() {
        transport().unregisterProducer();
    }

    @Override
    default void pauseProducing() {
        transport().pauseProducing();
    }

    @Override
    default void resumeProducing() {
        transport().resumeProducing();
    }

    @Override
    default void stopProducing() {
        transport().stopProducing();
    }
}
