package org.twisted4j.spread.jelly;

/**
 * How a Java type travels as instances of a Python class, registered with
 * {@link JellyRegistry#registerClass}: Twisted's {@code Jellyable.getStateFor} on the way out and
 * {@code setUnjellyableForClass} with {@code setStateFor} on the way in. An instance goes as
 * {@code [b"module.Class", jellied-state]}, where the state is usually a dictionary of attribute names
 * ({@link String}s) to values, as a Python object's {@code __dict__}.
 *
 * <pre>{@code
 * registry.registerClass("geometry.Point", Point.class, new StateMapping<>() {
 *     public Object getStateFor(Point p, Jellier jellier) {
 *         return Map.of("x", p.x(), "y", p.y());
 *     }
 *     public Point setStateFor(Object state, Unjellier unjellier) {
 *         if (state instanceof Map<?, ?> m && m.get("x") instanceof Long x && m.get("y") instanceof Long y) {
 *             return new Point(x, y);
 *         }
 *         throw new InsecureJelly("bad Point state");
 *     }
 * });
 * }</pre>
 *
 * @param <T> the Java type
 */
public interface StateMapping<T> {

    /**
     * Returns the state to send for a value; the jellier jellies it.
     *
     * @param value the value being jellied
     * @param jellier the run
     * @return its state, a value with a jelly form
     */
    Object getStateFor(T value, Jellier jellier);

    /**
     * Makes a value from its unjellied state.
     *
     * @param state the unjellied state (a {@code Map} for a Python {@code __dict__})
     * @param unjellier the run
     * @return the value
     * @throws InsecureJelly if the state is not acceptable
     */
    T setStateFor(Object state, Unjellier unjellier);
}
