package org.twisted4j.defer;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One running coroutine: its body on a virtual thread, and the strict hand-off between that thread and
 * whichever thread drives it (the one that started it, then each one that fires a Deferred it awaits).
 *
 * <p>Exactly one side has the turn at a time. {@link #turn} counts hand-offs: odd while the body runs, even
 * while its driver runs. Each side passes the turn by writing the next count and unparking the other, then
 * parks until the count moves on. The volatile write and the other side's read of it order everything each
 * side did before the hand-off before everything the other side does after it, so the plain fields below,
 * which only the side holding the turn touches, need no further synchronization.
 */
final class CoroutineRunner<T extends @Nullable Object> implements Runnable {
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("coroutine-", 1).factory();
    /** The coroutine whose body runs on this thread, while it runs the body itself: where await is allowed. */
    private static final ThreadLocal<@Nullable CoroutineRunner<?>> CURRENT = new ThreadLocal<>();
    /** The coroutine that owns this (virtual) thread, for all of its life, including firing the outcome. */
    private static final ThreadLocal<@Nullable CoroutineRunner<?>> OWNER = new ThreadLocal<>();

    private final CoroutineBody<T> body;
    private final Thread thread;
    private volatile long turn;

    // Touched only by the side that holds the turn; see the class comment.
    private @Nullable Thread driver;
    private @Nullable CoroutineRunner<?> driverRunner; // the coroutine whose body drives this one, if any
    private boolean started;
    private Deferred<T> result;
    private @Nullable Deferred<?> waitingOn;
    private @Nullable Object resumedWith;
    private @Nullable Throwable escaped;

    private CoroutineRunner(CoroutineBody<T> body) {
        this.body = body;
        this.thread = THREADS.newThread(this);
        this.result = newResultDeferred();
    }

    /** Starts {@code body} and returns once it first awaits an unfired Deferred or has finished. */
    static <T extends @Nullable Object> Deferred<T> start(CoroutineBody<T> body) {
        CoroutineRunner<T> runner = new CoroutineRunner<>(body);
        Deferred<T> outer = runner.result;
        runner.driveUntilBodyYields();
        return outer;
    }

    /** Returns whether the calling thread is running a coroutine body. */
    static boolean inCoroutine() {
        return CURRENT.get() != null;
    }

    /** {@link Coroutine#drivingThread}. */
    static Thread drivingThread() {
        CoroutineRunner<?> runner = OWNER.get();
        if (runner == null) {
            return Thread.currentThread();
        }
        while (runner.driverRunner != null) {
            runner = runner.driverRunner;
        }
        return Objects.requireNonNull(runner.driver);
    }

    /** {@link Coroutine#await}, on the body's thread. */
    @SuppressWarnings("unchecked")
    static <X extends @Nullable Object> X await(Deferred<X> deferred) {
        CoroutineRunner<?> self = CURRENT.get();
        if (self == null) {
            throw new IllegalStateException(
                    "await called outside a coroutine: call it only from a body run by Coroutine.start");
        }
        Object outcome = self.awaitOutcome(deferred);
        if (outcome instanceof Failure failure) {
            throw failure.raise();
        }
        return (X) outcome;
    }

    private @Nullable Object awaitOutcome(Deferred<?> deferred) {
        Arrival arrival = new Arrival();
        deferred.addBoth(outcome -> {
            if (arrival.whileRegistering) {
                arrival.outcome = outcome;
                arrival.arrived = true;
            } else {
                resumedWith = outcome;
                driveUntilBodyYields();
            }
            return null; // the awaited chain goes on with null, and any failure counts as handled
        });
        arrival.whileRegistering = false;
        if (arrival.arrived) {
            return arrival.outcome; // already fired: carry on without a hand-off
        }
        waitingOn = deferred;
        passTurn();
        waitingOn = null;
        Object outcome = resumedWith;
        resumedWith = null;
        return outcome;
    }

    /** The body's thread. */
    @Override
    public void run() {
        OWNER.set(this);
        CURRENT.set(this);
        Object outcome;
        try {
            outcome = body.run();
            if (outcome instanceof Deferred<?>) {
                outcome = new Failure(new IllegalArgumentException(
                        "a coroutine body returned a Deferred: await it and return its result instead"));
            }
        } catch (Throwable e) {
            outcome = new Failure(e);
        } finally {
            CURRENT.remove(); // callbacks run by firing the result are not part of the body
        }
        try {
            fire(outcome);
        } catch (Throwable e) {
            escaped = e; // e.g. AlreadyCalledError: thrown to the driver, as if it had fired the Deferred
        } finally {
            Thread to = driver;
            turn = turn + 1;
            LockSupport.unpark(to);
        }
    }

    @SuppressWarnings("unchecked")
    private void fire(@Nullable Object outcome) {
        if (outcome instanceof Failure failure) {
            result.errback(failure);
        } else {
            result.callback((T) outcome);
        }
    }

    /** On the driving thread: gives the body the turn and waits until it awaits or finishes. */
    private void driveUntilBodyYields() {
        driver = Thread.currentThread();
        driverRunner = OWNER.get();
        long bodyTurn = turn + 1;
        turn = bodyTurn;
        if (started) {
            LockSupport.unpark(thread);
        } else {
            started = true;
            thread.start();
        }
        waitWhileTurnIs(bodyTurn);
        Throwable e = escaped;
        if (e != null) {
            escaped = null;
            throw new Failure(e).raise();
        }
    }

    /** On the body's thread: gives the driver the turn and waits until a driver resumes the body. */
    private void passTurn() {
        Thread to = driver;
        long driverTurn = turn + 1;
        turn = driverTurn;
        LockSupport.unpark(to);
        waitWhileTurnIs(driverTurn);
    }

    private void waitWhileTurnIs(long value) {
        boolean interrupted = false;
        while (turn == value) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // park returns at once while interrupted: keep it for later
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes a Deferred for the body's outcome that, when cancelled, is not failed at once but re-pointed: it
     * then waits on a fresh Deferred that the body's outcome will fire, while the Deferred the body awaits is
     * cancelled. This is how Twisted cancels its {@code inlineCallbacks}.
     */
    private Deferred<T> newResultDeferred() {
        Deferred<T> deferred = new Deferred<>(d -> d.errback(new Failure(new CancelRequested())));
        return deferred.addErrbackDeferred(this::onCancel);
    }

    private Deferred<T> onCancel(Failure failure) {
        if (!(failure.value() instanceof CancelRequested)) {
            throw failure.raise(); // a failure of the body: pass the same Failure on
        }
        Deferred<T> next = newResultDeferred();
        result = next;
        Deferred<?> awaited = waitingOn;
        if (awaited != null) {
            awaited.cancel(); // resumes the body, on this thread's turn, with the awaited Deferred's outcome
        }
        return next;
    }

    /** Where the outcome of one await lands when the awaited Deferred has already fired. */
    private static final class Arrival {
        boolean whileRegistering = true;
        boolean arrived;
        @Nullable Object outcome;
    }

    /** Marks the cancellation of a coroutine's Deferred inside its own chain; never seen outside it. */
    private static final class CancelRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelRequested() {
            super("coroutine cancelled", null, false, false);
        }
    }
}
