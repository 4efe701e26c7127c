package org.twisted4j.internet;

/**
 * Something registered with a {@link NioReactor}'s selector: the attachment of its selection key, told when
 * the selector finds its channel ready and when the reactor shuts down. It also keeps when the selector loop
 * last handed it its readiness, by which {@link ReadyKeys} orders the channels of a turn. Reactor thread only.
 */
abstract class Selectable {
    /** The loop's count of hand-overs when it last handed this channel its readiness; 0 if it never has. */
    private long lastHandled;

    /**
     * Handles readiness; the implementation catches what its callbacks throw.
     *
     * @param readyOps the ready operations of the selection key
     */
    public abstract void ready(int readyOps);

    /** Closes this channel because the reactor is shutting down, telling whoever needs to know. */
    public abstract void reactorShutdown();

    /** Returns the loop's count of hand-overs when it last handed this channel its readiness; 0 if never. */
    final long lastHandled() {
        return lastHandled;
    }

    /** Notes that the loop is handing this channel its readiness as its hand-over number {@code handover}. */
    final void handled(long handover) {
        lastHandled = handover;
    }
}
