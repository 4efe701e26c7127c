package org.twisted4j.testing;

/**
 * Where a {@link StringTransport} stands in its part as a producer of the bytes it reads: what the
 * protocol last asked for with {@code pauseProducing}, {@code resumeProducing} or {@code stopProducing}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public enum ProducerState {
    /** Reading: the initial state, and the state after {@code resumeProducing}. */
    PRODUCING,
    /** Not reading for now, after {@code pauseProducing}. */
    PAUSED,
    /** Not reading ever again, after {@code stopProducing}. */
    STOPPED
}
