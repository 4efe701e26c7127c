package org.twisted4j.spread.banana;

import java.io.Serial;

/**
 * The one error of the Banana codec, as Twisted's {@code twisted.spread.banana.BananaError}: bytes that are
 * not a Banana expression (an unknown type byte, an unknown vocabulary word), or that break a limit (a
 * length prefix longer than the prefix limit, a string or list longer than the size limit, lists nested
 * deeper than the depth limit), or a value the encoder cannot send.
 *
 * <p>A {@link Banana} connection that reads one logs a line and drops that connection; nothing else is
 * affected. Unchecked, so encoding calls need no ceremony.
 */
public final class BananaError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates one.
     *
     * @param message what was wrong, for the log
     */
    public BananaError(String message) {
        super(message);
    }
}
