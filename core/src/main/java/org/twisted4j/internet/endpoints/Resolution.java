package org.twisted4j.internet.endpoints;

import java.net.InetAddress;
import java.util.List;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectingCancelledError;
import org.twisted4j.internet.DNSLookupError;

/** Runs a {@link HostResolver} for a client endpoint and gives its failures the endpoints' error types. */
final class Resolution {
    private Resolution() {
    }

    /**
     * Looks {@code host} up, on the way to {@code destination} (for the cancellation's message). A failed lookup (or a resolver that throws) becomes a {@link DNSLookupError};
     * cancelling the returned Deferred while the lookup runs cancels the lookup and fails with a
     * {@link ConnectingCancelledError}.
     */
    static Deferred<List<InetAddress>> resolve(HostResolver resolver, String host, String destination) {
        Deferred<List<InetAddress>> lookup;
        try {
            lookup = resolver.resolve(host);
        } catch (RuntimeException e) {
            lookup = Deferred.fail(e);
        }
        return lookup.addErrback(failure -> {
            if (failure.check(CancelledError.class, ConnectingCancelledError.class) != null) {
                throw new ConnectingCancelledError(destination);
            }
            throw new DNSLookupError("couldn't find the hostname '" + host + "': " + failure.getErrorMessage(),
                    failure.value());
        });
    }
}
