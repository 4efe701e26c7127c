package org.twisted4j.spread.pb;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jellyable;

/**
 * An object sent to the peer as a reference: the peer gets a {@link RemoteReference} and calls its
 * {@link Remote} methods, Twisted's {@code pb.Referenceable} and its {@code remote_} methods.
 *
 * <pre>{@code
 * public final class Counter implements Referenceable {
 *     private long count;
 *     @Remote public long increment(long by) { return count += by; }
 * }
 * }</pre>
 *
 * <p>Each time the same object (by identity) is sent over one connection the peer receives the same
 * reference id and the broker counts one more reference; the peer's {@code decref} messages count them down,
 * and the broker forgets the object when none is left. A connection holds at most
 * {@link Broker#MAX_BROKER_REFS} references.
 *
 * <p>Threading: remote methods run on the reactor thread of the connection that carried the call.
 */
public interface Referenceable extends Jellyable {
    /**
     * The s-expression of this object for the peer (a {@code remote} reference); called by Jelly.
     *
     * @param jellier the run of Jelly, whose invoker is the broker
     * @return the s-expression
     */
    @Override
    default Object jellyFor(Jellier jellier) {
        return PbJelly.referenceable(this, jellier);
    }


    /**
     * Answers a call from the peer. The default finds the {@link Remote} method of that name and calls it with
     * the arguments converted to its parameter types; override it to dispatch some other way.
     *
     * @param broker the connection the call came on
     * @param message the method name the peer called
     * @param args the positional arguments, unjellied
     * @param kw the keyword arguments, unjellied
     * @return the result, a plain value or a {@code Deferred} of one
     * @throws NoSuchMethod if there is no such remote method
     * @throws Exception whatever the method throws; it is sent to the caller as a failure
     */
    default @Nullable Object remoteMessageReceived(Broker broker, String message, List<@Nullable Object> args,
            Map<String, @Nullable Object> kw) throws Exception {
        return RemoteMethods.invoke(this, "remote", message, args, kw);
    }
}
