package org.twisted4j.spread.jelly;

import java.io.Serial;

/**
 * The one error of unjellying, as Twisted's {@code twisted.spread.jelly.InsecureJelly}: an s-expression
 * names a type atom or class the {@link SecurityOptions} do not allow, a class name no Java code
 * registered, or is malformed (a missing argument, bad UTF-8, a dangling dereference, an unhashable set
 * element). Jellying throws it too, for a Java value with no jelly form. Nothing named by a rejected
 * s-expression is ever created.
 */
public final class InsecureJelly extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates one.
     *
     * @param message what was refused, for the log
     */
    public InsecureJelly(String message) {
        super(message);
    }
}
