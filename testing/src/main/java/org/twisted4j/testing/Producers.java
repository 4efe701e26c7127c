package org.twisted4j.testing;

import org.twisted4j.internet.Producer;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;

/** The checks every consumer here makes when a producer registers. */
final class Producers {
    private Producers() {
    }

    /**
     * Checks that {@code producer} is of the kind {@code streaming} says.
     *
     * @throws IllegalArgumentException if it is not
     */
    static void checkKind(Producer producer, boolean streaming) {
        if (streaming && !(producer instanceof PushProducer)) {
            throw new IllegalArgumentException(
                    "a streaming producer must be a PushProducer, and " + producer + " is not");
        }
        if (!streaming && !(producer instanceof PullProducer)) {
            throw new IllegalArgumentException(
                    "a non-streaming producer must be a PullProducer, and " + producer + " is not");
        }
    }
}
