package org.twisted4j.defer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** Test helpers that look at the end of a Deferred's chain; shared by the tests of every package. */
public final class Outcomes {
    /** The outcome recorded before a Deferred has fired. */
    public static final String NONE = "no outcome";

    private Outcomes() {
    }

    /** Collects the outcome at the end of a chain, the value or the failure, and handles it. */
    public static <T> AtomicReference<Object> outcomeOf(Deferred<T> d) {
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
    public static <T> T valueOf(Deferred<T> d) {
        Object outcome = outcomeOf(d).get();
        if (outcome == NONE || outcome instanceof Failure) {
            throw new AssertionError("expected a value, got " + outcome);
        }
        return (T) outcome;
    }

    /** Returns the throwable of the failure at the end of {@code d}'s chain, handling it. */
    public static Throwable failureOf(Deferred<?> d) {
        Object outcome = outcomeOf(d).get();
        if (outcome instanceof Failure f) {
            return f.value();
        }
        throw new AssertionError("expected a failure, got " + outcome);
    }

    /** Records what a Deferred fired with, the value or the Failure, in a list that is empty until it fires. */
    public static <T> List<@Nullable Object> outcomes(Deferred<T> d) {
        List<@Nullable Object> seen = new ArrayList<>();
        d.addBoth(outcome -> {
            seen.add(outcome);
            return null;
        });
        return seen;
    }

    /** Returns a Deferred whose canceller fires it with {@code value}. */
    public static <T> Deferred<T> cancelledWith(T value) {
        return new Deferred<>(d -> d.callback(value));
    }
}
