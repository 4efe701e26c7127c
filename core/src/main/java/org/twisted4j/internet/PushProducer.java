package org.twisted4j.internet;

/**
 * A producer that writes on its own, whenever it has data, until its consumer asks it to pause, as
 * Twisted's {@code IPushProducer}. Register it with {@code streaming = true}.
 *
 * <p>This is back-pressure: when the consumer's buffer fills past its limit it calls
 * {@link #pauseProducing()}, and when the buffer has drained it calls {@link #resumeProducing()}. Every
 * {@link Transport} is itself a push producer of the bytes it reads: pausing it stops reading from the
 * connection, which is how a proxy slows a fast sender down to its slow receiver.
 *
 * <pre>{@code
 * final class Relay implements PushProducer {
 *     private boolean paused;
 *     public void pauseProducing() { paused = true; upstream.pauseProducing(); }
 *     public void resumeProducing() { paused = false; upstream.resumeProducing(); }
 *     public void stopProducing() { upstream.loseConnection(); }
 * }
 * downstream.registerProducer(new Relay(), true);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface PushProducer extends Producer {

    /**
     * Stops writing for now: the consumer has more than it can handle. Writes made after this are still
     * accepted and buffered, but the producer should hold back until {@link #resumeProducing()}.
     */
    void pauseProducing();

    /** Starts writing again after {@link #pauseProducing()}: the consumer has room again. */
    void resumeProducing();
}
