package org.twisted4j.spread.jelly;

import org.jspecify.annotations.Nullable;

/**
 * One run of unjellying, as Twisted's {@code _Unjellier}, handed to {@link Unjellyer#unjellyFor} and
 * {@link StateMapping#setStateFor}: it unjellies children under the run's {@link SecurityOptions}, keeps
 * the references seen so far and carries the invoker (Perspective Broker's broker).
 *
 * <p>Used on the thread that called {@link Jelly#unjelly}; one run, then dropped.
 */
public interface Unjellier {

    /**
     * Unjellies a child s-expression within this run.
     *
     * <p>Cycles: a list, tuple or dictionary value returned here may hold, for a moment, a stand-in where
     * it refers back to an object whose unjellying is not over yet; the stand-in is replaced in that very
     * container when the object completes, before {@link Jelly#unjelly} returns. So keep the container
     * itself (as Perspective Broker's copies keep their state dictionary) rather than copying its items
     * out during this call.
     *
     * @param sexp an s-expression
     * @return its value
     * @throws InsecureJelly if it is not allowed or malformed, or if it is a {@code dereference} to an
     *     object still being unjellied (a cycle that only a list, tuple or dictionary may close)
     */
    @Nullable Object unjelly(@Nullable Object sexp);

    /** Returns the invoker this run was given (a Perspective Broker broker), or null. */
    @Nullable Object invoker();

    /** Returns the security options of this run. */
    SecurityOptions taster();

    /** Returns the registry of this run. */
    JellyRegistry registry();

    /**
     * Runs an action once the whole s-expression has been unjellied, as Twisted's {@code postUnjelly}.
     *
     * @param action what to run, in the order added
     */
    void afterUnjelly(Runnable action);
}
