package org.twisted4j.internet;

import java.lang.System.Logger.Level;

/**
 * Where the reactor reports errors it handles itself: failing delayed calls, protocol callbacks that throw,
 * accept errors. Every report goes through here so that the destination can change in one place.
 */
final class ReactorLog {
    private static final System.Logger LOG = System.getLogger("org.twisted4j.internet");

    private ReactorLog() {
    }

    /** Reports an error the reactor recovered from. */
    static void error(String message, Throwable error) {
        LOG.log(Level.ERROR, message, error);
    }

    /** Reports something unusual that is not an error of the application's code. */
    static void warn(String message, Throwable error) {
        LOG.log(Level.WARNING, message, error);
    }
}
