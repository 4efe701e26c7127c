package org.twisted4j.defer;

/**
 * A semaphore for code that runs on the reactor thread, as Twisted's {@code DeferredSemaphore}: at most
 * {@link #limit()} holders at once, handing out Deferreds that fire when a token is yours. Useful to bound
 * how many operations run in parallel:
 * <pre>{@code
 * DeferredSemaphore downloads = new DeferredSemaphore(4);
 * List<Deferred<Page>> pages = urls.stream().map(u -> downloads.<Page>runDeferred(() -> fetch(u))).toList();
 * }</pre>
 * Waiters get tokens first come, first served; releasing hands the token straight to the first waiter.
 *
 * <p>Threading: reactor thread only. It orders work on one thread; it is not a semaphore between threads.
 */
public final class DeferredSemaphore extends ConcurrencyPrimitive<DeferredSemaphore> {
    /**
     * Creates a semaphore with {@code tokens} free tokens.
     *
     * @param tokens how many holders it allows at once; also its {@link #limit()}
     * @throws IllegalArgumentException if {@code tokens} is less than 1
     */
    public DeferredSemaphore(int tokens) {
        super(tokens);
    }

    /** Returns how many tokens are free now: {@link #limit()} less the number held. */
    public int tokens() {
        return freeTokens();
    }

    /** Returns how many holders it allows at once. */
    public int limit() {
        return tokenLimit();
    }

    @Override
    String overReleased() {
        return "Released a DeferredSemaphore more times than it was acquired";
    }

    @Override
    public String toString() {
        return "<DeferredSemaphore " + tokens() + "/" + limit() + " free, " + waiting() + " waiting>";
    }
}
