package org.twisted4j.protocols.amp;

import org.twisted4j.defer.Failure;

/**
 * Where a {@link BoxDispatcher} sends its boxes: the connection, as Twisted's {@code IBoxSender}. {@link AMP} is
 * one over its transport; a test gives its own.
 *
 * <p>Reactor thread only.
 */
public interface BoxSender {
    /**
     * Sends one box.
     *
     * @throws TooLong if the box breaks a length limit (nothing is sent)
     */
    void sendBox(AmpBox box);

    /** Closes the connection once what was sent has gone out. */
    void loseConnection();

    /**
     * Takes an error nothing else handled (a failed call whose Deferred had no errback, an answer to no question,
     * a box that is neither question nor answer): Twisted logs it and drops the connection.
     */
    void unhandledError(Failure failure);
}
