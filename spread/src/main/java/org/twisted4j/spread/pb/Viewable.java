package org.twisted4j.spread.pb;

import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jellyable;

/**
 * An object the peer reaches through a perspective: sent to the peer, it travels as a reference to a view
 * point that pairs it with the perspective of the call that sent it, and each of its {@link Remote} methods
 * receives that perspective as its first argument. Twisted's {@code pb.Viewable} and its {@code view_}
 * methods.
 *
 * <pre>{@code
 * public final class Room implements Viewable {
 *     @Remote public String say(Perspective who, String text) { ... }
 * }
 * }</pre>
 *
 * <p>A view point only has a perspective when the object is sent in answer to (or as an argument of) a call
 * on an avatar; sent from elsewhere, the first argument is {@code null}.
 */
public interface Viewable extends Jellyable {
    /**
     * The s-expression of this object for the peer (a {@code remote} reference to a view point); called by Jelly.
     *
     * @param jellier the run of Jelly, whose invoker is the broker
     * @return the s-expression
     */
    @Override
    default Object jellyFor(Jellier jellier) {
        return PbJelly.viewable(this, jellier);
    }
}
