package org.twisted4j.internet.endpoints;

import java.util.function.Supplier;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;

/** Argument checks shared by the endpoints' constructors, and the call that turns a listen into a Deferred. */
final class Checks {
    static final int MAX_PORT = 65_535;

    private Checks() {
    }

    static int port(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be between 0 and " + MAX_PORT + ", not " + port);
        }
        return port;
    }

    static int backlog(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative, not " + backlog);
        }
        return backlog;
    }

    static double timeout(double timeout) {
        if (!(timeout > 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("timeout must be a positive number of seconds, not " + timeout);
        }
        return timeout;
    }

    /** Listens now; whatever the reactor throws becomes the failure of the Deferred, as Twisted's execute. */
    static Deferred<ListeningPort> listen(Supplier<? extends ListeningPort> listen) {
        try {
            return Deferred.succeed(listen.get());
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }
}
