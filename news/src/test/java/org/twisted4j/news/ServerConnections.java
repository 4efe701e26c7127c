package org.twisted4j.news;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.WrappingFactory;

/**
 * A server factory that knows its open connections, so that a test whose client program has exited can wait
 * for the server's side of each connection to be lost before the test ends (its idle timeouts cancelled).
 * Reactor thread.
 */
final class ServerConnections extends WrappingFactory {
    private @Nullable Deferred<@Nullable Void> waiting;

    ServerConnections(Factory server) {
        super(server);
    }

    /** Fires once no connection is open: now, or when the last open one is lost. */
    Deferred<@Nullable Void> allClosed() {
        if (protocols().isEmpty()) {
            return Deferred.succeed(null);
        }
        Deferred<@Nullable Void> closed = new Deferred<>();
        waiting = closed;
        return closed;
    }

    @Override
    protected void unregisterProtocol(ProtocolWrapper protocol) {
        super.unregisterProtocol(protocol);
        Deferred<@Nullable Void> closed = waiting;
        if (closed != null && protocols().isEmpty()) {
            waiting = null;
            closed.callback(null);
        }
    }
}
