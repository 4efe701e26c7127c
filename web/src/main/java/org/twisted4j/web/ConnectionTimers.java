package org.twisted4j.web;

import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;

/**
 * The two timeouts of an HTTP/1.1 connection, on its site's clock and with the site's current limits: the
 * head timer, running while a request head is arriving, and the idle timer, running while the connection
 * waits for a request (or for more of a request's body). A limit of zero or less turns its timer off.
 * Reactor thread only.
 */
final class ConnectionTimers {

    private final Site site;
    private final Runnable headTimedOut;
    private final Runnable idleTimedOut;
    private @Nullable DelayedCall headTimer;
    private @Nullable DelayedCall idleTimer;
    private double idleSince;

    /**
     * @param headTimedOut run when a head was not complete in time
     * @param idleTimedOut run when the connection was idle too long
     */
    ConnectionTimers(Site site, Runnable headTimedOut, Runnable idleTimedOut) {
        this.site = site;
        this.headTimedOut = headTimedOut;
        this.idleTimedOut = idleTimedOut;
    }

    /** A request head is arriving: its timer runs from the first call until the head is complete. */
    void readingHead() {
        cancelIdle();
        double limit = site.getHeaderTimeout();
        if (headTimer == null && limit > 0) {
            headTimer = site.time().callLater(limit, this::headExpired);
        }
    }

    /**
     * The connection waits for the client: the idle timer counts from now. Rather than moving the timer in the
     * reactor's queue at every request, this notes when idleness began; a timer that fires too early because of
     * that waits out the rest.
     */
    void idle() {
        cancelHead();
        double limit = site.getIdleTimeout();
        if (limit <= 0) {
            cancelIdle();
            return;
        }
        idleSince = site.time().seconds();
        DelayedCall timer = idleTimer;
        if (timer == null || !timer.active()) {
            idleTimer = site.time().callLater(limit, this::idleExpired);
        } else if (timer.getTime() > idleSince + limit) {
            timer.reset(limit); // the timeout was shortened meanwhile
        }
    }

    /** The server is busy with a request: neither timer runs. */
    void busy() {
        cancel();
    }

    /** Stops both timers. */
    void cancel() {
        cancelIdle();
        cancelHead();
    }

    private void headExpired() {
        headTimer = null;
        headTimedOut.run();
    }

    private void idleExpired() {
        idleTimer = null;
        double left = idleSince + site.getIdleTimeout() - site.time().seconds();
        if (left > 0) {
            idleTimer = site.time().callLater(left, this::idleExpired);
            return;
        }
        idleTimedOut.run();
    }

    private void cancelIdle() {
        DelayedCall timer = idleTimer;
        idleTimer = null;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
    }

    private void cancelHead() {
        DelayedCall timer = headTimer;
        headTimer = null;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
    }
}
