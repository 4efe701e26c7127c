package org.twisted4j.defer;

import java.util.concurrent.atomic.AtomicReference;

/** Test helpers that look at the end of a Deferred's chain. */
final class Outcomes {
    /** The outcome recorded before a Deferred has fired. */
    static final String NONE = "no outcome";

    private Outcomes() {
    }

    /** Collects the outcome at the end of a chain, the value or the failure, and handles it. */
    static <T> AtomicReference<Object> outcomeOf(Deferred<T> d) {
        AtomicReference<Object> outcome = new AtomicReference<>(NONE);
        d.addCallbacks(value -> {
            outcome.set(value);
            return null;
        }, failure -> {
            outcome.set(failure);
            return null;
        });
        return outcome;
    }

    /** Returns the value at the end of {@code d}'s chain, failing the test if there is none yet or a failure. */
    @SuppressWarnings("unchecked")
    static <T> T valueOf(Deferred<T> d) {
        Object outcome = outcomeOf(d).get();
        if (outcome == NONE || outcome instanceof Failure) {
            throw new AssertionError("expected a value, got " + outcome);
        }
        return (T) outcome;
    }

    /** Returns the throwable of the failure at the end of {@code d}'s chain, handling it. */
    static Throwable failureOf(Deferred<?> d) {
        Object outcome = outcomeOf(d).get();
        if (outcome instanceof Failure f) {
            return f.value();
        }
        throw new AssertionError("expected a failure, got " + outcome);
    }

    /** Returns a Deferred whose canceller fires it with {@code value}. */
    static <T> Deferred<T> cancelledWith(T value) {
        return new Deferred<>(d -> d.callback(value));
    }
}
