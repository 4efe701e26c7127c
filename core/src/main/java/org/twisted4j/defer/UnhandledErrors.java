package org.twisted4j.defer;

import org.twisted4j.logger.Logger;

/** Logs failures left unhandled at the end of a garbage-collected {@link Deferred}'s chain, as Twisted does. */
final class UnhandledErrors {
    private static final Logger LOG = new Logger(Deferred.class.getName());

    private UnhandledErrors() {
    }

    static void report(Failure failure) {
        LOG.failure("Unhandled error in Deferred:", failure);
    }
}
