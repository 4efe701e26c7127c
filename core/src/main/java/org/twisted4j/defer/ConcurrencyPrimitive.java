package org.twisted4j.defer;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DeferredLock} and {@link DeferredSemaphore} share, as Twisted's {@code _ConcurrencyPrimitive}:
 * a count of free tokens, a first-come first-served queue of waiting acquirers, and {@link #run}.
 * A lock is a semaphore of one token.
 *
 * @param <S> the concrete type, which {@link #acquire} fires with
 */
abstract sealed class ConcurrencyPrimitive<S extends ConcurrencyPrimitive<S>> permits DeferredLock, DeferredSemaphore {
    private final ArrayDeque<Deferred<S>> waiting = new ArrayDeque<>();
    private final int limit;
    private int tokens;

    ConcurrencyPrimitive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("needs at least one token, not " + limit);
        }
        this.limit = limit;
        this.tokens = limit;
    }

    /** Returns what {@link #release} says when there is nothing to release. */
    abstract String overReleased();

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /**
     * Takes a token: returns a Deferred that fires with this object once one is free, at once if one is
     * now. Waiters are served in the order they called this. Cancelling a Deferred that is still waiting
     * takes it out of the queue and fails it with {@link CancelledError}; cancelling one that has fired
     * does nothing (the token is still held).
     *
     * @return a Deferred that fires with this object when the caller holds a token
     */
    public Deferred<S> acquire() {
        Deferred<S> acquired = new Deferred<>(waiting::remove);
        if (tokens == 0) {
            waiting.addLast(acquired);
        } else {
            tokens--;
            acquired.callback(self());
        }
        return acquired;
    }

    /**
     * Gives back a token. If anyone is waiting, the first waiter gets it at once: its Deferred fires, and
     * its callbacks run, before this returns.
     *
     * @throws IllegalStateException if no token is held
     */
    public void release() {
        if (tokens >= limit) {
            throw new IllegalStateException(overReleased());
        }
        Deferred<S> next = waiting.pollFirst();
        if (next == null) {
            tokens++;
        } else {
            next.callback(self());
        }
    }

    /**
     * Acquires, calls {@code action}, and releases when its outcome is known, whether a value, a thrown
     * exception or the outcome of a Deferred it returns:
     * <pre>{@code Deferred<Row> row = lock.run(() -> table.update(key, value));}</pre>
     * The action is called when a token is free, perhaps at once. Cancelling the returned Deferred while it
     * waits for the token withdraws the request; once the action runs, it cancels the Deferred the action
     * returned, if any.
     *
     * @param action the work to do while holding a token; if it returns a Deferred, the token is held until
     *     that Deferred fires, whose outcome becomes the result (see {@link #runDeferred} to type that)
     * @return a Deferred of the action's outcome
     */
    public <R extends @Nullable Object> Deferred<R> run(Callable<? extends R> action) {
        return runAny(action);
    }

    /**
     * As {@link #run}, for an action that returns a Deferred: the token is held until that Deferred fires,
     * and its outcome is the result.
     *
     * @param action the work to do while holding a token
     * @return a Deferred of the outcome of the Deferred the action returns
     */
    public <R extends @Nullable Object> Deferred<R> runDeferred(Callable<? extends Deferred<? extends R>> action) {
        return runAny(action);
    }

    private <R extends @Nullable Object> Deferred<R> runAny(Callable<?> action) {
        return acquire().addCallbackDeferred(held -> {
            Deferred<R> outcome = Deferred.maybeDeferred(action);
            outcome.addBoth(result -> {
                release();
                return result;
            });
            return outcome;
        });
    }

    /** Returns how many tokens are free now. */
    final int freeTokens() {
        return tokens;
    }

    /** Returns how many tokens there are in all. */
    final int tokenLimit() {
        return limit;
    }

    /** Returns how many {@link #acquire}s are waiting, in the queue, for a token. */
    public final int waiting() {
        return waiting.size();
    }
}
