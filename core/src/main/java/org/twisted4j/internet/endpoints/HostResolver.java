package org.twisted4j.internet.endpoints;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;

/**
 * Turns a host name into its addresses without blocking the reactor thread. {@link #blocking} runs the
 * system's resolver ({@link InetAddress#getAllByName}) on a thread; tests give a function that answers from
 * a table, or a Deferred they fire themselves.
 *
 * <pre>{@code
 * HostResolver table = host -> Deferred.succeed(List.of(InetAddress.getByName("192.0.2.1")));
 * new HostnameEndpoint(reactor, table, "example.com", 80, 30, null, HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; the Deferred it returns must fire on the reactor thread.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Looks up a host name.
     *
     * @param host the name to look up
     * @return a Deferred that fires with the addresses in the order to try them (possibly none), or fails
     *     if the name is unknown
     */
    Deferred<List<InetAddress>> resolve(String host);

    /**
     * Returns a resolver that runs the system's blocking lookup, {@link InetAddress#getAllByName}, through
     * {@code threads.deferToThread}, so the reactor thread never waits on it.
     *
     * @param threads where to run the lookup and how to come back to the reactor thread
     * @return the resolver
     */
    static HostResolver blocking(ReactorThreads threads) {
        Objects.requireNonNull(threads, "threads");
        return host -> threads.deferToThread(() -> List.of(InetAddress.getAllByName(host)));
    }
}
