package org.twisted4j.testing.endpoints;

import java.util.concurrent.atomic.AtomicReference;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/** What a Deferred's chain ended with so far: nothing yet, a value, or a failure (which it handles). */
final class Outcome<T> {
    private static final Object NONE = new Object();

    private final AtomicReference<Object> outcome = new AtomicReference<>(NONE);

    private Outcome() {
    }

    static <T> Outcome<T> of(Deferred<T> d) {
        Outcome<T> o = new Outcome<>();
        d.addCallbacks(value -> {
            o.outcome.set(value);
            return null;
        }, failure -> {
            o.outcome.set(failure);
            return null;
        });
        return o;
    }

    boolean fired() {
        return outcome.get() != NONE;
    }

    @SuppressWarnings("unchecked")
    T value() {
        Object seen = outcome.get();
        if (seen == NONE || seen instanceof Failure) {
            throw new AssertionError("expected a value, got " + (seen == NONE ? "nothing yet" : seen));
        }
        return (T) seen;
    }

    Throwable failure() {
        if (outcome.get() instanceof Failure f) {
            return f.value();
        }
        throw new AssertionError("expected a failure, got " + outcome.get());
    }
}
