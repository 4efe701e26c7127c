package org.twisted4j.internet;

import java.nio.ByteBuffer;

/**
 * Something that takes bytes and can regulate a {@link Producer} feeding it, as Twisted's
 * {@code IConsumer}. Every {@link Transport} is a consumer of the bytes written to the connection.
 *
 * <h2>Back-pressure in short</h2>
 * <ul>
 *   <li>A {@link PushProducer}, registered with {@code streaming = true}, writes freely; the consumer calls
 *       {@link PushProducer#pauseProducing()} when its buffer is full and
 *       {@link PushProducer#resumeProducing()} when it has drained.</li>
 *   <li>A {@link PullProducer}, registered with {@code streaming = false}, is asked for one piece at a time
 *       with {@link PullProducer#resumeProducing()} whenever the buffer is empty.</li>
 *   <li>If the consumer goes away (its connection closes), it calls {@link Producer#stopProducing()}.</li>
 *   <li>While a producer is registered, {@link Transport#loseConnection()} waits for it to unregister.</li>
 * </ul>
 *
 * <pre>{@code
 * transport.registerProducer(fileSender, false);   // a PullProducer
 * // ... fileSender calls transport.unregisterProducer() at end of file
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface Consumer {

    /**
     * Attaches a producer that will write to this consumer.
     *
     * @param producer the producer; it must be a {@link PushProducer} if {@code streaming} is true and a
     *     {@link PullProducer} otherwise
     * @param streaming true for a push producer, which writes until paused; false for a pull producer, which
     *     writes once each time it is asked
     * @throws IllegalStateException if a producer is already registered (unregister it first)
     * @throws IllegalArgumentException if {@code producer} is not of the kind {@code streaming} says
     */
    void registerProducer(Producer producer, boolean streaming);

    /**
     * Detaches the registered producer, without closing anything. A pending
     * {@link Transport#loseConnection()} goes ahead once the buffered data is out.
     *
     * @throws IllegalStateException if no producer is registered
     */
    void unregisterProducer();

    /**
     * Takes the bytes between {@code data}'s position and limit, without blocking; the consumer buffers what
     * it cannot pass on at once. Nothing written is lost unless the connection itself is lost.
     *
     * <p><b>Ownership.</b> The consumer may keep {@code data} until the bytes are sent instead of copying
     * them, so the caller must not change those bytes after the call (write a copy when reusing a buffer).
     * The buffer's position and limit are left as they were.
     *
     * @param data the bytes to write; an empty buffer does nothing
     */
    void write(ByteBuffer data);

    /**
     * Takes all of {@code data}; the same as {@code write(ByteBuffer.wrap(data))}, with the same ownership
     * rule: do not change the array after the call.
     *
     * @param data the bytes to write; an empty array does nothing
     */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }
}
