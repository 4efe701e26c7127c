package org.twisted4j.internet;

import org.twisted4j.defer.Failure;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.Logger;

/**
 * Where the reactor reports errors it handles itself: failing delayed calls, protocol callbacks that throw,
 * accept errors. Every report goes through here, to the structured log in namespace
 * {@code org.twisted4j.internet}, with the message in the field {@code message}.
 */
final class ReactorLog {
    private static final Logger LOG = new Logger("org.twisted4j.internet");

    private ReactorLog() {
    }

    /** Reports an error the reactor recovered from, at critical level as Twisted reports unhandled errors. */
    static void error(String message, Throwable error) {
        LOG.failure("{message}", new Failure(error), "message", message);
    }

    /** Reports a step of the reactor's own life worth an operator's notice, such as a signal received. */
    static void info(String message) {
        LOG.info("{message}", "message", message);
    }

    /** Reports something unusual that is not an error of the application's code. */
    static void warn(String message, Throwable error) {
        LOG.failure(LogLevel.WARN, "{message}", new Failure(error), "message", message);
    }
}
