package org.twisted4j.spread.pb;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jellyable;

/**
 * The local copy of a peer's {@link Cacheable}, kept up to date by the updates the peer sends to its
 * {@link Remote} methods: Twisted's {@code pb.RemoteCache} and its {@code observe_} methods. Register a
 * factory for the peer's type name with {@link Broker#setUnjellyableForClass}.
 *
 * <pre>{@code
 * public final class ScoreView extends RemoteCache {
 *     long score;
 *     public void setCopyableState(Map<String, Object> state) { score = ((Number) state.get("score")).longValue(); }
 *     @Remote public void setScore(long score) { this.score = score; }
 * }
 * }</pre>
 *
 * <p>Each time the peer sends the cacheable again, the same local instance comes back and counts one more
 * reference. {@link #release()} gives them all back ({@code decache}); the peer then stops observing and
 * answers {@code uncache}. Python does this when its copies are garbage-collected; Java code says so.
 *
 * <p>Threading: reactor thread only.
 */
public abstract class RemoteCache implements RemoteCopy, Jellyable {
    @Nullable Broker broker;
    @Nullable Object luid;
    int references;

    /** For subclasses, which need a constructor without arguments. */
    protected RemoteCache() {
    }

    /**
     * Answers an update from the peer's cacheable. The default calls the {@link Remote} method of that name.
     *
     * @param broker the connection the update came on
     * @param message the method name
     * @param args the positional arguments, unjellied
     * @param kw the keyword arguments, unjellied
     * @return the result sent back to the cacheable
     * @throws Exception whatever the method throws
     */
    public @Nullable Object observeMessageReceived(Broker broker, String message, List<@Nullable Object> args,
            Map<String, @Nullable Object> kw) throws Exception {
        return RemoteMethods.invoke(this, "observe", message, args, kw);
    }

    /**
     * Sent back to the peer over its own connection, the cache becomes the peer's cacheable again
     * ({@code lcache}); called by Jelly.
     *
     * @param jellier the run of Jelly
     * @return the s-expression
     */
    @Override
    public Object jellyFor(Jellier jellier) {
        return PbJelly.remoteCache(this, jellier);
    }

    /** Gives every reference to this cache back to the peer; later updates no longer arrive. */
    public final void release() {
        Broker owner = broker;
        if (owner != null && luid != null) {
            owner.releaseCache(this);
        }
    }

    /**
     * The broker this cache belongs to, while it is held.
     *
     * @return the broker, or {@code null} after release or before the cache arrived
     */
    public final @Nullable Broker broker() {
        return broker;
    }
}
