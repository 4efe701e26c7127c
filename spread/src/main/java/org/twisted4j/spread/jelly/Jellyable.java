package org.twisted4j.spread.jelly;

/**
 * A Java object that makes its own s-expression, as Twisted's {@code IJellyable.jellyFor}. Perspective
 * Broker's types are the model: a {@code Referenceable} jellies as {@code [b"remote", id]} (the id from
 * the broker, {@link Jellier#invoker()}), a {@code Copyable} as {@code [className, state]}, a
 * {@code Cacheable} as {@code [b"cache", id, state]}.
 *
 * <pre>{@code
 * record Point(long x, long y) implements Jellyable {
 *     public Object jellyFor(Jellier jellier) {
 *         List<Object> sexp = jellier.prepare(this);          // lets cycles refer back to this object
 *         sexp.add("geometry.Point".getBytes(US_ASCII));
 *         sexp.add(jellier.jelly(Map.of("x", x, "y", y)));
 *         return jellier.preserve(this, sexp);
 *     }
 * }
 * }</pre>
 *
 * <p>The jellier first checks whether this same object (by identity) was already jellied in this run and,
 * if so, sends a {@code dereference} instead of calling {@code jellyFor} again; an object that wants that
 * sharing to work both ways uses {@link Jellier#prepare} and {@link Jellier#preserve} as above.
 */
public interface Jellyable {

    /**
     * Returns this object's s-expression.
     *
     * @param jellier the jellier at work: jellies children, gives the invoker
     * @return a list whose first item is a type atom ({@code byte[]}), or a plain value
     * @throws InsecureJelly if this object cannot be jellied for this jellier
     */
    Object jellyFor(Jellier jellier);
}
