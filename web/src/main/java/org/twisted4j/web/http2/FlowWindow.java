package org.twisted4j.web.http2;

/**
 * One flow-control window (RFC 9113 §5.2, §6.9). On the sending side it is what the peer allows us; it may go
 * negative after the peer lowers SETTINGS_INITIAL_WINDOW_SIZE. On the receiving side it is what we allow the
 * peer, and it also keeps the octets the application consumed but we have not yet announced, announcing them in
 * batches of at least {@code updateThreshold} to spare the peer a WINDOW_UPDATE per read.
 */
final class FlowWindow {
    static final long MAX_WINDOW = Integer.MAX_VALUE;

    private long window;
    private int unannounced;
    private final int updateThreshold;

    FlowWindow(int initial, int updateThreshold) {
        this.window = initial;
        this.updateThreshold = Math.max(1, updateThreshold);
    }

    FlowWindow(int initial) {
        this(initial, 1);
    }

    /** Returns what the window admits now, never negative. */
    int available() {
        return (int) Math.max(0, Math.min(window, MAX_WINDOW));
    }

    long window() {
        return window;
    }

    /** Sending: uses {@code octets} of the window. */
    void consume(int octets) {
        window -= octets;
    }

    /**
     * Sending: applies a WINDOW_UPDATE increment or a change of the initial window size.
     *
     * @return false if the window would pass 2^31 - 1, a FLOW_CONTROL_ERROR
     */
    boolean expand(long delta) {
        if (window + delta > MAX_WINDOW) {
            return false;
        }
        window += delta;
        return true;
    }

    /**
     * Receiving: takes {@code octets} the peer sent.
     *
     * @return false if they are more than the window allowed, a FLOW_CONTROL_ERROR
     */
    boolean receive(int octets) {
        if (octets > window) {
            return false;
        }
        window -= octets;
        return true;
    }

    /**
     * Receiving: the application is done with {@code octets}; returns the increment to announce now, or 0 to
     * wait for more.
     */
    int release(int octets) {
        unannounced += octets;
        if (unannounced < updateThreshold) {
            return 0;
        }
        int increment = unannounced;
        unannounced = 0;
        window += increment;
        return increment;
    }
}
