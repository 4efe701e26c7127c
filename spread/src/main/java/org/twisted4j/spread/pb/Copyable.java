package org.twisted4j.spread.pb;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.spread.jelly.Jellier;
import org.twisted4j.spread.jelly.Jellyable;

/**
 * An object sent to the peer as a copy of its state: Twisted's {@code pb.Copyable}. The peer rebuilds it with
 * the class it registered for {@link #typeToCopyFor the type name} (in Python,
 * {@code pb.setUnjellyableForClass(name, SomeRemoteCopy)}; here, {@link Broker#setUnjellyableForClass}).
 *
 * <pre>{@code
 * public record Pond(long frogs, long toads) implements Copyable {
 *     public String typeToCopyFor(Object perspective) { return "__main__.Pond"; }
 *     public Map<String, Object> stateToCopyFor(Object perspective) { return Map.of("frogs", frogs, "toads", toads); }
 * }
 * }</pre>
 */
public interface Copyable extends Jellyable {
    /**
     * The s-expression of this object for the peer (its type name and state); called by Jelly.
     *
     * @param jellier the run of Jelly, whose invoker is the broker
     * @return the s-expression
     */
    @Override
    default Object jellyFor(Jellier jellier) {
        return PbJelly.copyable(this, jellier);
    }

    /**
     * The type name the peer looks up to rebuild the copy; by default the Java class name.
     *
     * @param perspective the perspective the copy is for, or {@code null}
     * @return the type name, for a Python peer usually {@code module.Class}
     */
    default String typeToCopyFor(@Nullable Object perspective) {
        return getClass().getName();
    }

    /**
     * The state to send, as attribute name to value; the values are jellied in turn.
     *
     * @param perspective the perspective the copy is for, or {@code null}
     * @return the state
     */
    Map<String, ? extends @Nullable Object> stateToCopyFor(@Nullable Object perspective);
}
