package org.twisted4j.internet;

/**
 * Something registered with a {@link NioReactor}'s selector: the attachment of its selection key, told when
 * the selector finds its channel ready and when the reactor shuts down. Reactor thread only.
 */
interface Selectable {

    /**
     * Handles readiness; the implementation catches what its callbacks throw.
     *
     * @param readyOps the ready operations of the selection key
     */
    void ready(int readyOps);

    /** Closes this channel because the reactor is shutting down, telling whoever needs to know. */
    void reactorShutdown();
}
