package org.twisted4j.internet;

/**
 * A producer that writes only when asked, one piece at a time, as Twisted's {@code IPullProducer}. Register
 * it with {@code streaming = false}; the consumer calls {@link #resumeProducing()} each time its buffer
 * has room.
 *
 * <pre>{@code
 * final class Countdown implements PullProducer {
 *     private int left = 10;
 *     public void resumeProducing() {
 *         transport.write(("tick " + left + "\n").getBytes(StandardCharsets.US_ASCII));
 *         if (--left == 0) {
 *             transport.unregisterProducer();
 *         }
 *     }
 *     public void stopProducing() { left = 0; }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface PullProducer extends Producer {

    /**
     * Writes one piece of data to the consumer, before returning (not later from a scheduled call). When
     * there is nothing more to write, the producer unregisters itself with
     * {@link Consumer#unregisterProducer()}.
     */
    void resumeProducing();
}
