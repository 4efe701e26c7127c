package org.twisted4j.protocols.amp;

/**
 * Answers one command at once: given its arguments, returns its response, or throws. A declared error is sent
 * with its code; any other exception is sent as {@code UNKNOWN} (with no detail) and closes the connection, as
 * Twisted does.
 *
 * <p>Called on the reactor thread.
 *
 * @param <A> the command's arguments
 * @param <R> its response
 */
@FunctionalInterface
public interface Responder<A extends Record, R extends Record> {
    /**
     * Computes the response.
     *
     * @throws Exception a declared error, or any other, which answers {@code UNKNOWN}
     */
    R respond(A arguments) throws Exception;
}
