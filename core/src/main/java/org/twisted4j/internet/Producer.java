package org.twisted4j.internet;

/**
 * Something that writes data into a {@link Consumer} under the consumer's control, as Twisted's
 * {@code IProducer}. It is one of two kinds: a {@link PushProducer} writes whenever it has data until told
 * to pause; a {@link PullProducer} writes once each time it is asked.
 *
 * <p>A producer is attached with {@link Consumer#registerProducer}; from then on the consumer tells it when
 * to go, wait or stop, and the producer stays out of the consumer's way (see {@link Consumer} for the
 * whole exchange).
 *
 * <h2>Threading</h2>
 * Reactor thread only: the consumer calls these methods on its reactor's thread, and the producer writes to
 * the consumer on that thread.
 */
public interface Producer {

    /**
     * Stops producing for good: the consumer is gone (its connection closed) and will take no more data.
     * The producer should release what it holds and never write to the consumer again. Called at most once
     * by a well-behaved consumer; a second call should do nothing.
     */
    void stopProducing();
}
