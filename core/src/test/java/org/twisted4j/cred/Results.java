package org.twisted4j.cred;

import java.util.concurrent.atomic.AtomicReference;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/** Reads what a Deferred that has fired holds. */
final class Results {

    private Results() {
    }

    /** Returns the result; fails if the Deferred failed or has not fired. */
    static <T> T result(Deferred<T> deferred) {
        AtomicReference<Object> out = new AtomicReference<>();
        deferred.addBoth(r -> {
            out.set(r == null ? NULL : r);
            return null;
        });
        Object r = out.get();
        if (r == null) {
            throw new AssertionError("the Deferred has not fired");
        }
        if (r instanceof Failure f) {
            throw new AssertionError("the Deferred failed: " + f.getErrorMessage(), f.value());
        }
        @SuppressWarnings("unchecked")
        T t = r == NULL ? null : (T) r;
        return t;
    }

    /** Returns the failure's exception; fails if the Deferred succeeded or has not fired. */
    static Throwable failure(Deferred<?> deferred) {
        AtomicReference<Object> out = new AtomicReference<>();
        deferred.addBoth(r -> {
            out.set(r == null ? NULL : r);
            return null;
        });
        Object r = out.get();
        if (r instanceof Failure f) {
            return f.value();
        }
        throw new AssertionError(r == null ? "the Deferred has not fired" : "the Deferred succeeded with " + r);
    }

    private static final Object NULL = new Object();
}
