package org.twisted4j.spread.jelly;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Makes a value from an s-expression with a given type atom or class name, registered in a
 * {@link JellyRegistry}: Twisted's {@code unjellyableRegistry} entries and their {@code unjellyFor}.
 * Perspective Broker registers one each for {@code remote}, {@code local}, {@code cached}, {@code lcache}
 * and the class names of its copyables.
 */
@FunctionalInterface
public interface Unjellyer {

    /**
     * Returns the value of an s-expression.
     *
     * @param unjellier the run: unjellies children, gives the invoker
     * @param sexp the whole s-expression, its type atom ({@code byte[]}) first
     * @return the value
     * @throws InsecureJelly if the s-expression is malformed or not allowed
     */
    @Nullable Object unjellyFor(Unjellier unjellier, List<Object> sexp);
}
