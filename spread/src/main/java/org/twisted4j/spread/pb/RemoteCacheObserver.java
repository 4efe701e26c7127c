package org.twisted4j.spread.pb;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A {@link Cacheable}'s way to the peer's {@link RemoteCache} over one connection: Twisted's
 * {@code RemoteCacheObserver}. {@link #callRemote} calls the cache's {@link Remote} (observe) method.
 * Observers for the same connection, cacheable and perspective are equal, so a cacheable can keep them in a
 * set and remove the one {@link Cacheable#stoppedObserving} names.
 *
 * <p>Threading: reactor thread only.
 */
public final class RemoteCacheObserver {
    private final Broker broker;
    private final Cacheable cached;
    private final @Nullable Object perspective;

    RemoteCacheObserver(Broker broker, Cacheable cached, @Nullable Object perspective) {
        this.broker = broker;
        this.cached = cached;
        this.perspective = perspective;
    }

    /**
     * Calls a method of the peer's cache.
     *
     * @param name the method name (in Python, {@code observe_name})
     * @param args its arguments
     * @return the answer; fails with {@link DeadReferenceError} once the connection is gone, or
     *     {@link ProtocolError} if the peer has no cache of this object
     */
    public Deferred<@Nullable Object> callRemote(String name, @Nullable Object... args) {
        return callRemote(name, Arrays.asList(args.clone()), Map.of());
    }

    /**
     * Calls a method of the peer's cache with keyword arguments.
     *
     * @param name the method name
     * @param args the positional arguments
     * @param kw the keyword arguments
     * @return the answer, as {@link #callRemote(String, Object...)}
     */
    public Deferred<@Nullable Object> callRemote(String name, List<? extends @Nullable Object> args,
            Map<String, ? extends @Nullable Object> kw) {
        return broker.sendCacheMessage(cached, perspective, name, args, kw);
    }

    /**
     * The connection this observer sends over.
     *
     * @return the broker
     */
    public Broker broker() {
        return broker;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RemoteCacheObserver o && o.broker == broker && o.cached == cached
                && o.perspective == perspective;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(broker) * 31 * 31 + System.identityHashCode(cached) * 31
                + System.identityHashCode(perspective);
    }

    @Override
    public String toString() {
        return "RemoteCacheObserver[" + cached + "]";
    }
}
