package org.twisted4j.enterprise;

import java.util.List;
import org.twisted4j.internet.PushProducer;

/**
 * Takes the rows of {@link ConnectionPool#runQueryStreaming} batch by batch, and regulates their flow with
 * the {@link PushProducer} it is given, as a transport regulates the producer writing to it: pause it while
 * the rows cannot be handled (a slow client on the other end), resume it later, or stop it to end the query.
 *
 * <pre>{@code
 * pool.runQueryStreaming("SELECT id, body FROM log", List.of(), 500, new RowConsumer() {
 *     public void streamStarted(PushProducer rows) { transport.registerProducer(rows, true); }
 *     public void rowsReceived(List<Row> batch) { batch.forEach(row -> transport.write(render(row))); }
 * }).addBoth(done -> { transport.unregisterProducer(); transport.loseConnection(); return null; });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only: both methods are called on it, and the producer's methods must be called on it.
 */
public interface RowConsumer {

    /**
     * Called once, before any rows, with the producer of the stream, to keep for pausing and resuming it.
     * Does nothing unless overridden.
     *
     * @param producer pauses, resumes or stops the stream; stopping fails the stream's Deferred with
     *     {@link org.twisted4j.defer.CancelledError} and cancels the query
     */
    default void streamStarted(PushProducer producer) {
    }

    /**
     * Takes the next rows, in the query's order. Never called while the producer is paused. The list is the
     * consumer's to keep.
     *
     * @param batch between 1 and the stream's batch size rows
     * @throws Exception to stop the stream: its Deferred fails with what was thrown
     */
    void rowsReceived(List<Row> batch) throws Exception;
}
