package org.twisted4j.web.client;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/** Reads a fired Deferred's outcome in the client tests. */
final class Outcomes {

    private Outcomes() {
    }

    /** Returns the result a fired Deferred has; fails the test if it has none or failed. */
    static <T> T result(Deferred<T> d) {
        Object[] box = {NONE};
        d.addBoth(outcome -> {
            box[0] = outcome;
            return outcome instanceof Failure ? null : outcome;
        });
        if (box[0] == NONE) {
            throw new AssertionError("the Deferred has not fired");
        }
        if (box[0] instanceof Failure f) {
            throw new AssertionError("the Deferred failed: " + f.getTraceback());
        }
        @SuppressWarnings("unchecked")
        T value = (T) box[0];
        return value;
    }

    /** Returns the failure a fired Deferred has (and handles it); fails the test otherwise. */
    static Throwable failure(Deferred<?> d) {
        Object[] box = {NONE};
        d.addBoth(outcome -> {
            box[0] = outcome;
            return null;
        });
        if (box[0] instanceof Failure f) {
            return f.value();
        }
        throw new AssertionError("the Deferred has not failed: " + (box[0] == NONE ? "not fired" : box[0]));
    }

    /** Tells whether the Deferred has fired (leaving its outcome in place). */
    static boolean fired(Deferred<?> d) {
        boolean[] seen = {false};
        d.addBoth(outcome -> {
            seen[0] = true;
            return outcome;
        });
        return seen[0];
    }

    private static final @Nullable Object NONE = new Object();
}
