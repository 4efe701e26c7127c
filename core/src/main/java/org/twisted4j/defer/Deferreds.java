package org.twisted4j.defer;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between {@link Deferred} and the JDK's {@link CompletionStage} / {@link CompletableFuture},
 * as Twisted's {@code Deferred.asFuture} and {@code Deferred.fromFuture} do for asyncio.
 *
 * <h2>Threads</h2>
 * A Deferred belongs to one thread, normally the reactor thread; a CompletionStage may complete on any
 * thread. So each conversion that touches a Deferred from the stage's side takes an {@link Executor} that
 * runs tasks on the Deferred's thread — normally the reactor's {@code callFromThread}:
 * <pre>{@code
 * Deferred<Response> d = Deferreds.fromCompletionStage(httpClient.sendAsync(request, handler), reactor::callFromThread);
 * CompletableFuture<Row> f = Deferreds.toCompletableFuture(pool.runQuery(sql), reactor::callFromThread);
 * }</pre>
 * Pass {@code Runnable::run} only when everything involved already runs on the Deferred's thread.
 *
 * <h2>Failures</h2>
 * A Deferred's {@link Failure} completes a future exceptionally with {@link Failure#value()}; a stage's
 * exception fails a Deferred with the exception itself, unwrapped from any {@link CompletionException} or
 * {@link ExecutionException} around it.
 *
 * <p>Threading: the methods are called on the Deferred's thread.
 */
public final class Deferreds {
    private Deferreds() {
    }

    /**
     * As {@link #toCompletableFuture(Deferred, Executor)}, cancelling the Deferred directly on the thread
     * that cancels the future: only cancel that future on the Deferred's thread.
     *
     * @param deferred the Deferred whose outcome completes the future
     * @return a future of the Deferred's outcome
     */
    public static <T extends @Nullable Object> CompletableFuture<T> toCompletableFuture(Deferred<T> deferred) {
        return toCompletableFuture(deferred, Runnable::run);
    }

    /**
     * Returns a future that completes with {@code deferred}'s result, or exceptionally with its failure's
     * throwable, from the chain's current end.
     *
     * <p>This appends a callback and an errback that hand the outcome to the future and leave the Deferred's
     * chain with a null result, as Twisted's {@code asFuture}: the future owns the outcome from then on, so a
     * failure is not also reported as an unhandled error of the Deferred. Add any steps that must see the
     * outcome before converting, or to the future.
     *
     * <p>Cancelling the future cancels the Deferred, by a task given to {@code deferredThread}; whatever the
     * cancellation then produces is dropped, and the future stays cancelled.
     *
     * @apiNote The future completes on the Deferred's thread, and dependent stages added without an
     *     {@code Async} suffix run there too, normally the reactor thread: keep them short and non-blocking,
     *     or use the {@code ...Async} methods with your own executor.
     * @param deferred the Deferred whose outcome completes the future
     * @param deferredThread runs tasks on the Deferred's thread, normally the reactor's {@code callFromThread}
     * @return a future of the Deferred's outcome
     */
    public static <T extends @Nullable Object> CompletableFuture<T> toCompletableFuture(
            Deferred<T> deferred, Executor deferredThread) {
        Objects.requireNonNull(deferred, "deferred");
        Objects.requireNonNull(deferredThread, "deferredThread");
        CompletableFuture<T> future = new CompletableFuture<>();
        deferred.<@Nullable Object>addCallbacks(value -> {
            future.complete(value);
            return null;
        }, failure -> {
            future.completeExceptionally(failure.value());
            return null;
        });
        future.whenComplete((value, error) -> {
            if (future.isCancelled()) {
                deferredThread.execute(deferred::cancel);
            }
        });
        return future;
    }

    /**
     * Returns a Deferred that fires with {@code stage}'s result, or fails with its exception (unwrapped from
     * {@link CompletionException} and {@link ExecutionException}), as Twisted's {@code fromFuture}.
     *
     * <p>The Deferred is always fired by a task given to {@code deferredThread}, even when the stage has
     * already completed, so its callbacks run on the Deferred's thread and never during this call. If the
     * executor rejects the task, the Deferred never fires.
     *
     * <p>Cancelling the Deferred before it fires cancels the stage where that is possible (through
     * {@code stage.toCompletableFuture().cancel(false)}; a stage that does not support it is left alone)
     * and fails the Deferred at once with {@link CancelledError}; the stage's outcome is then dropped. A
     * stage cancelled by someone else fails the Deferred with the stage's
     * {@link java.util.concurrent.CancellationException}.
     *
     * @param stage the stage whose outcome fires the Deferred
     * @param deferredThread runs tasks on the thread the Deferred belongs to, normally the reactor's
     *     {@code callFromThread}
     * @return a Deferred of the stage's outcome
     */
    public static <T extends @Nullable Object> Deferred<T> fromCompletionStage(
            CompletionStage<? extends T> stage, Executor deferredThread) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(deferredThread, "deferredThread");
        boolean[] cancelled = {false}; // read and written on the Deferred's thread only
        Deferred<T> deferred = new Deferred<>(self -> {
            cancelled[0] = true;
            cancel(stage);
        });
        stage.whenComplete((value, error) -> deferredThread.execute(() -> {
            if (cancelled[0]) {
                return;
            }
            if (error == null) {
                deferred.callback(value);
            } else {
                deferred.errback(unwrap(error));
            }
        }));
        return deferred;
    }

    private static void cancel(CompletionStage<?> stage) {
        CompletableFuture<?> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException cannotCancel) {
            return; // the stage cannot be cancelled: its outcome will be dropped
        }
        future.cancel(false);
    }

    /** Returns the exception that a CompletionException or ExecutionException wrapper stands for. */
    static Throwable unwrap(Throwable error) {
        Throwable unwrapped = error;
        while ((unwrapped instanceof CompletionException || unwrapped instanceof ExecutionException)
                && unwrapped.getCause() != null) {
            unwrapped = unwrapped.getCause();
        }
        return unwrapped;
    }
}
