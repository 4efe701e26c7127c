package org.twisted4j.spread.pb;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.Jellier;

/**
 * An object copied to the peer once per connection and then kept up to date there: Twisted's
 * {@code pb.Cacheable}. The first time it is sent over a connection its state goes with an observer, a
 * {@link RemoteCacheObserver} through which it sends updates to the peer's {@link RemoteCache}; later sends
 * over the same connection refer to that cache. When the peer drops its cache (or the connection ends) the
 * broker calls {@link #stoppedObserving}.
 *
 * <pre>{@code
 * public final class Scoreboard implements Cacheable {
 *     private final Set<RemoteCacheObserver> observers = new HashSet<>();
 *     private long score;
 *     public Map<String, Object> stateToCacheAndObserveFor(Object perspective, RemoteCacheObserver observer) {
 *         observers.add(observer);
 *         return Map.of("score", score);
 *     }
 *     public void stoppedObserving(Object perspective, RemoteCacheObserver observer) { observers.remove(observer); }
 *     public void add(long points) {
 *         score += points;
 *         observers.forEach(o -> o.callRemote("setScore", score));
 *     }
 * }
 * }</pre>
 */
public interface Cacheable extends Copyable {
    /**
     * The s-expression of this object for the peer: its state and a new cache id the first time over a
     * connection, a {@code cached} reference to that cache afterwards; called by Jelly.
     *
     * @param jellier the run of Jelly, whose invoker is the broker
     * @return the s-expression
     */
    @Override
    default Object jellyFor(Jellier jellier) {
        return PbJelly.cacheable(this, jellier);
    }

    /**
     * The state to send with a new cache, and the observer that updates that cache.
     *
     * @param perspective the perspective the cache is for, or {@code null}
     * @param observer the way to the peer's cache; equal observers stand for the same cache
     * @return the state; by default {@link #stateToCopyFor}
     */
    default Map<String, ? extends @Nullable Object> stateToCacheAndObserveFor(@Nullable Object perspective,
            RemoteCacheObserver observer) {
        return stateToCopyFor(perspective);
    }

    /**
     * The peer dropped the cache that {@code observer} updated, or its connection ended.
     *
     * @param perspective the perspective the cache was for, or {@code null}
     * @param observer an observer equal to the one given when the cache was made
     */
    default void stoppedObserving(@Nullable Object perspective, RemoteCacheObserver observer) {
    }
}
