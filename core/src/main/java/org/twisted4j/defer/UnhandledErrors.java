package org.twisted4j.defer;

/** Logs failures left unhandled at the end of a garbage-collected {@link Deferred}'s chain. */
final class UnhandledErrors {
    private static final System.Logger LOG = System.getLogger(Deferred.class.getName());

    private UnhandledErrors() {
    }

    static void report(Failure failure) {
        LOG.log(System.Logger.Level.ERROR, "Unhandled error in Deferred:\n" + failure.getTraceback());
    }
}
