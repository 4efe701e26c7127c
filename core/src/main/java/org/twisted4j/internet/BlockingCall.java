package org.twisted4j.internet;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * A call made through {@link NioReactor#blockingCallFromThread}: runs on the reactor's thread and completes
 * {@link #outcome} with its result (waiting for a returned Deferred), or is {@linkplain #abandon() abandoned}
 * if the reactor stops first.
 */
final class BlockingCall implements Runnable {
    /** Completes with the call's result, or fails with what it threw or its Deferred failed with. */
    final CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();
    private final Callable<?> call;

    BlockingCall(Callable<?> call) {
        this.call = call;
    }

    @Override
    public void run() {
        Deferred.maybeDeferred(call).addBoth(result -> {
            if (result instanceof Failure failure) {
                outcome.completeExceptionally(failure.value());
            } else {
                outcome.complete(result);
            }
            return null;
        });
    }

    /** Fails the caller's wait with {@link ReactorNotRunning}: the reactor stopped before running the call. */
    void abandon() {
        outcome.completeExceptionally(new ReactorNotRunning());
    }

    @Override
    public String toString() {
        return "BlockingCall[" + call + "]";
    }
}
