package org.twisted4j.defer;

/**
 * A lock for code that runs on the reactor thread, as Twisted's {@code DeferredLock}: it never blocks, it
 * hands out Deferreds that fire when the lock is yours.
 *
 * <h2>Using it</h2>
 * {@link #run} is the safe way, releasing whatever happens:
 * <pre>{@code
 * DeferredLock lock = new DeferredLock();
 * Deferred<Integer> written = lock.run(() -> file.appendRecord(record));  // one writer at a time
 * }</pre>
 * Or by hand: {@code lock.acquire().addCallback(l -> ...)} and {@link #release()} when done, also on
 * failure. Waiters get the lock first come, first served; releasing hands it straight to the first waiter.
 *
 * <h2>Threading</h2>
 * Reactor thread only. It orders work on one thread; it is not a lock between threads.
 */
public final class DeferredLock extends ConcurrencyPrimitive<DeferredLock> {
    /** Creates an unlocked lock. */
    public DeferredLock() {
        super(1);
    }

    /** Returns whether the lock is held now (then an {@link #acquire} waits). */
    public boolean locked() {
        return freeTokens() == 0;
    }

    @Override
    String overReleased() {
        return "Tried to release an unlocked lock";
    }

    @Override
    public String toString() {
        return "<DeferredLock " + (locked() ? "locked, " + waiting() + " waiting" : "unlocked") + ">";
    }
}
