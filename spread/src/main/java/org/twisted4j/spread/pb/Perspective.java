package org.twisted4j.spread.pb;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jellyable;

/**
 * What a logged-in client talks to: the avatar interface a {@link org.twisted4j.cred.Realm} must return for
 * Perspective Broker logins, Twisted's {@code pb.IPerspective}. {@link Avatar} implements it with
 * {@link Remote} methods; implement it directly to dispatch calls another way.
 *
 * <p>When a perspective is sent to the peer (as the result of a login, or in an answer) it travels as a
 * reference whose calls arrive here, with this perspective as the perspective of the call.
 */
public interface Perspective extends Jellyable {
    /**
     * The s-expression of this object for the peer (a {@code remote} reference); called by Jelly.
     *
     * @param jellier the run of Jelly, whose invoker is the broker
     * @return the s-expression
     */
    @Override
    default Object jellyFor(Jellier jellier) {
        return PbJelly.perspective(this, jellier);
    }

    /**
     * Answers a call the peer made through its reference to this perspective.
     *
     * @param broker the connection the call came on
     * @param message the method name the peer called
     * @param args the positional arguments, unjellied
     * @param kw the keyword arguments, unjellied
     * @return the result, a plain value or a {@code Deferred} of one
     * @throws Exception whatever the method throws; it is sent to the caller as a failure
     */
    @Nullable Object perspectiveMessageReceived(Broker broker, String message, List<@Nullable Object> args,
            Map<String, @Nullable Object> kw) throws Exception;
}
