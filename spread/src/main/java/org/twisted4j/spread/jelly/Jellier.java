package org.twisted4j.spread.jelly;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One run of jellying, as Twisted's {@code _Jellier}, handed to {@link Jellyable#jellyFor} and
 * {@link StateMapping#getStateFor}: it jellies children, keeps track of objects already jellied (for
 * shared references and cycles) and carries the invoker (Perspective Broker's broker).
 *
 * <p>Used on the thread that called {@link Jelly#jelly}; one run, then dropped.
 */
public interface Jellier {

    /**
     * Jellies a child value within this run (so that objects shared with the rest become references).
     *
     * @param value any value with a jelly form ({@link Jelly} lists them)
     * @return its s-expression
     * @throws InsecureJelly if it has none
     */
    Object jelly(@Nullable Object value);

    /** Returns the invoker this run was given (a Perspective Broker broker), or null. */
    @Nullable Object invoker();

    /** Returns the security options of this run. */
    SecurityOptions taster();

    /** Returns the registry of this run. */
    JellyRegistry registry();

    /**
     * Starts the s-expression of an object that may be referred to from inside itself, as Twisted's
     * {@code prepare}: fill the list returned, then pass it to {@link #preserve}.
     *
     * @param value the object, tracked by identity
     * @return a new empty list to fill
     */
    List<Object> prepare(Object value);

    /**
     * Ends the s-expression of an object started with {@link #prepare}, as Twisted's {@code preserve}.
     *
     * @param value the object given to {@code prepare}
     * @param sexp the list {@code prepare} returned, filled
     * @return the s-expression to return: {@code sexp}, or a {@code reference} list around it if
     *     something inside referred back to {@code value}
     */
    Object preserve(Object value, List<Object> sexp);
}
