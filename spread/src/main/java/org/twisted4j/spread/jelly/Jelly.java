package org.twisted4j.spread.jelly;

import org.jspecify.annotations.Nullable;

/**
 * Jelly, Twisted's {@code twisted.spread.jelly}: object graphs as s-expressions, with the s-expressions
 * Python 3 Twisted writes and reads, and unjellying behind an allow-list ({@link SecurityOptions}).
 * Banana carries the s-expressions over the wire; Perspective Broker builds on both.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Object sexp = Jelly.jelly(List.of("hi", 1L, Tuple.of(2.5, true)));
 * // [b"list", [b"unicode", b"hi"], 1, [b"tuple", 2.5, [b"boolean", b"true"]]]
 * Object back = Jelly.unjelly(sexp, SecurityOptions.basic());
 * }</pre>
 *
 * <p>The Java value of each Python type, both ways, is listed in the package documentation. An
 * s-expression is a {@code List<Object>} whose first item is a type atom ({@code byte[]}), or a plain
 * {@code Long}, {@code BigInteger}, {@code Double} or {@code byte[]}: what {@code BananaDecoder} gives
 * and {@code BananaEncoder} takes.
 *
 * <h2>Hooks</h2>
 * A {@link Jellyable} makes its own s-expression; a {@link JellyRegistry} holds {@link Unjellyer}s for
 * type atoms and class names, consulted before the built-in atoms, and Java types registered to travel
 * as instances of Python classes ({@link StateMapping}). The invoker given to a run (a Perspective Broker
 * broker) is handed to them all.
 *
 * <h2>Security</h2>
 * Unjellying checks every type atom against the {@link SecurityOptions} before anything else, and finds
 * class names only in the registry: nothing from the wire is ever looked up by reflection. Every refusal
 * and every malformed s-expression is an {@link InsecureJelly}.
 *
 * <h2>Threading</h2>
 * Any thread: each call is its own run. The registry and options may be shared.
 */
public final class Jelly {

    private static final JellyRegistry EMPTY = new JellyRegistry();

    private Jelly() {
    }

    /**
     * Jellies a value with every class allowed, no registry entries and no invoker.
     *
     * @param value the value
     * @return its s-expression
     * @throws InsecureJelly if something in it has no jelly form
     */
    public static Object jelly(@Nullable Object value) {
        return jelly(value, SecurityOptions.allowingAll(), EMPTY, null);
    }

    /**
     * Jellies a value.
     *
     * @param value the value
     * @param taster which registered classes go as their state (the others as {@code unpersistable})
     * @param registry the Java types registered as Python classes
     * @param invoker what {@link Jellier#invoker()} gives the hooks (a Perspective Broker broker), or null
     * @return its s-expression
     * @throws InsecureJelly if something in it has no jelly form
     */
    public static Object jelly(@Nullable Object value, SecurityOptions taster, JellyRegistry registry,
            @Nullable Object invoker) {
        return new JellyWriter(taster, registry, invoker).jelly(value);
    }

    /**
     * Unjellies an s-expression with no registry entries and no invoker.
     *
     * @param sexp the s-expression
     * @param taster what is allowed
     * @return its value
     * @throws InsecureJelly if it names something not allowed, or is malformed
     */
    public static @Nullable Object unjelly(@Nullable Object sexp, SecurityOptions taster) {
        return unjelly(sexp, taster, EMPTY, null);
    }

    /**
     * Unjellies an s-expression.
     *
     * @param sexp the s-expression
     * @param taster what is allowed
     * @param registry the unjellyers for atoms and class names
     * @param invoker what {@link Unjellier#invoker()} gives the hooks (a Perspective Broker broker), or null
     * @return its value
     * @throws InsecureJelly if it names something not allowed, or is malformed
     */
    public static @Nullable Object unjelly(@Nullable Object sexp, SecurityOptions taster, JellyRegistry registry,
            @Nullable Object invoker) {
        return new JellyReader(taster, registry, invoker).unjellyFull(sexp);
    }
}
