package org.twisted4j.internet;

/**
 * A call scheduled by {@link ReactorTime#callLater}, as Twisted's {@code IDelayedCall}: it can be cancelled,
 * pushed back or rescheduled until it runs.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the {@link ReactorTime} it came from.
 */
public interface DelayedCall {

    /** Returns the time, on its reactor's clock, at which this call is due to run. */
    double getTime();

    /**
     * Stops this call from running.
     *
     * @throws AlreadyCalledException if it has already run
     * @throws AlreadyCancelledException if it was already cancelled
     */
    void cancel();

    /**
     * Moves this call so that it runs {@code secondsFromNow} after the current time, sooner or later than
     * before. Among calls due at the same time it keeps the place its scheduling order gives it.
     *
     * @param secondsFromNow the new delay, counted from now, in seconds
     * @throws AlreadyCalledException if it has already run
     * @throws AlreadyCancelledException if it was cancelled
     * @throws IllegalArgumentException if the new time is not a number
     */
    void reset(double secondsFromNow);

    /**
     * Pushes this call back by {@code seconds} from its current due time; a negative amount brings it
     * forward.
     *
     * @param seconds how much later, in seconds
     * @throws AlreadyCalledException if it has already run
     * @throws AlreadyCancelledException if it was cancelled
     * @throws IllegalArgumentException if the new time is not a number
     */
    void delay(double seconds);

    /**
     * Returns whether this call is still due: neither run nor cancelled. A call counts as run from the
     * moment it starts running.
     */
    boolean active();
}
