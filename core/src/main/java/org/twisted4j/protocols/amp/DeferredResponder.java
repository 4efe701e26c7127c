package org.twisted4j.protocols.amp;

import org.twisted4j.defer.Deferred;

/**
 * Answers one command later: given its arguments, returns a Deferred of its response. Its failure is answered as
 * a {@link Responder}'s exception is.
 *
 * <p>Called on the reactor thread; the Deferred must fire there too.
 *
 * @param <A> the command's arguments
 * @param <R> its response
 */
@FunctionalInterface
public interface DeferredResponder<A extends Record, R extends Record> {
    /**
     * Starts computing the response.
     *
     * @throws Exception as the Deferred's failure would
     */
    Deferred<R> respond(A arguments) throws Exception;
}
