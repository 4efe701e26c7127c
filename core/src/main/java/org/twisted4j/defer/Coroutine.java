package org.twisted4j.defer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Coroutine style for Deferreds, as Twisted's {@code inlineCallbacks} and {@code ensureDeferred}: write
 * asynchronous code as straight-line code that waits for Deferreds, and get its outcome as a Deferred.
 *
 * <h2>Using it</h2>
 * {@link #start} runs a {@link CoroutineBody}; inside it, {@link #await} returns a Deferred's result or
 * throws its failure. The body's return value fires the Deferred that {@code start} returned; an exception
 * thrown out of it fails that Deferred with that same exception.
 * <pre>{@code
 * Deferred<Integer> total = Coroutine.start(() -> {
 *     String page = Coroutine.await(client.get(uri));        // suspends until the Deferred fires
 *     try {
 *         return page.length() + Coroutine.await(cache.size());
 *     } catch (IOException e) {                               // the failure's own exception, checked or not
 *         return page.length();
 *     }
 * });
 * }</pre>
 *
 * <h2>Threading: strict hand-off</h2>
 * {@code start} may be called on any thread; normally that is the reactor thread. The body runs on a virtual
 * thread of its own, but only ever while the thread that drives it is blocked waiting for it, so that at
 * any moment exactly one of the two runs, and code in the body may touch the reactor thread's state without
 * locks, as a callback would:
 * <ul>
 *   <li>{@code start} starts the body and returns once the body awaits a Deferred that has not fired yet,
 *       or has finished (then the returned Deferred has already fired).
 *   <li>When an awaited Deferred fires, its callback, running on the thread that fired it (normally the
 *       reactor thread), resumes the body and returns once the body awaits again or finishes. That thread
 *       need not be the one that called {@code start}.
 *   <li>Awaiting a Deferred that has already fired carries on at once, with no hand-off.
 * </ul>
 * Each hand-off is a happens-before edge both ways: everything the driving thread did before it is visible
 * to the body after it, and everything the body did before it suspends or finishes is visible to the
 * driving thread afterwards. The body's Deferred is fired on the body's thread, while its driver waits, so
 * its callbacks run under the same guarantee.
 *
 * <h2>Cancellation</h2>
 * Cancelling the Deferred that {@code start} returned cancels the Deferred the body is awaiting, so that
 * {@code await} throws {@link CancelledError} (or whatever that Deferred's canceller fires it with). The
 * returned Deferred then fires with whatever the body ends with, as in Twisted: if the body lets the
 * {@code CancelledError} propagate, it fails with it; if the body catches it and returns a value, possibly
 * after awaiting more, it fires with that value. Cancelling it again cancels what the body awaits then.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>A body that blocks (sleeps, does blocking I/O, waits on a lock) blocks its driver, normally the
 *       reactor, for as long. Await Deferreds instead, or move the work off the reactor.
 *   <li>{@code await} consumes the result: after it, the awaited Deferred's chain goes on with {@code null},
 *       and a failure it carried counts as handled. Await each Deferred once.
 *   <li>A coroutine whose awaited Deferred never fires stays parked until that Deferred fires or is
 *       cancelled; an abandoned coroutine is not reclaimed on its own. Give long waits a timeout
 *       ({@link Deferred#addTimeout}).
 *   <li>{@code await} belongs in the body itself. Callbacks that fire when the body fires a Deferred run on
 *       the body's thread too, but they should not await: that would suspend the body in the middle of
 *       another Deferred's chain.
 * </ul>
 */
public final class Coroutine {
    private Coroutine() {
    }

    /**
     * Runs {@code body} as a coroutine, as Twisted's {@code ensureDeferred}, and returns the Deferred that
     * its outcome fires. Returns once the body awaits a Deferred that has not fired or has finished.
     *
     * <p>Any thread, normally the reactor thread; the body runs only while the calling thread, or later the
     * thread that fires what it awaits, waits for it.
     *
     * @param body the coroutine's code
     * @return a Deferred fired with the body's return value, or failed with the exception it throws; if the
     *     body returns a Deferred, it fails with an {@link IllegalArgumentException} (await it instead)
     */
    public static <T extends @Nullable Object> Deferred<T> start(CoroutineBody<T> body) {
        Objects.requireNonNull(body, "body");
        return CoroutineRunner.start(body);
    }

    /**
     * Waits for {@code deferred} to fire, suspending the coroutine if it has not fired yet, and returns its
     * result, or throws its failure's throwable: exactly the {@link Failure#value()} instance, unwrapped,
     * even when it is a checked exception or an {@link Error}. Afterwards the Deferred's chain goes on with
     * {@code null}.
     *
     * <p>Only on the thread of a coroutine body run by {@link #start}.
     *
     * @param deferred the Deferred to wait for
     * @return its result
     * @throws Exception the throwable of the failure the Deferred fired with; this includes
     *     {@link CancelledError} when the coroutine's own Deferred is cancelled while waiting here
     * @throws IllegalStateException if called outside a coroutine body
     */
    public static <T extends @Nullable Object> T await(Deferred<T> deferred) throws Exception {
        Objects.requireNonNull(deferred, "deferred");
        return CoroutineRunner.await(deferred);
    }

    /** Returns whether the calling thread is running a coroutine body, where {@link #await} may be called. */
    public static boolean inCoroutine() {
        return CoroutineRunner.inCoroutine();
    }

    /**
     * Returns the thread on whose behalf the calling code runs: outside a coroutine, the calling thread
     * itself; inside a coroutine body, the thread that drives it and waits for it, following nested
     * coroutines out to the outermost driver. A reactor uses this to let a coroutine that its own thread
     * drives call the methods reserved for that thread, since the body runs only while that thread waits.
     */
    public static Thread drivingThread() {
        return CoroutineRunner.drivingThread();
    }
}
