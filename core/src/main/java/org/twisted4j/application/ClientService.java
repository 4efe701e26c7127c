package org.twisted4j.application;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Callback;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.logger.Logger;

/**
 * A client that keeps one connection up, as Twisted's {@code ClientService}: it connects when it starts,
 * and whenever the connection is lost or an attempt fails it waits as its {@link RetryPolicy} says and
 * tries again, until it is stopped.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ClientService feed = new ClientService(
 *         Endpoints.clientFromString(reactor, "tcp:host=feed.example:port=7000"),
 *         Factory.forProtocol(FeedClient::new), reactor);
 * feed.setServiceParent(application);
 * feed.whenConnected().addCallback(protocol -> ((FeedClient) protocol).subscribe("prices"));
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>The delay before each retry is {@code retryPolicy.delay(n)}, {@code n} being the number of failed
 *       attempts in a row; a connection that is made resets the count, so after it is lost the first retry
 *       waits {@code delay(1)}. The default is {@link RetryPolicy#backoff()}.</li>
 *   <li>{@link #whenConnected()} fires with the user's protocol: the current connection's at once, or the
 *       next one's. {@link #whenConnected(int)} also fails after that many attempts in a row have failed,
 *       with the last attempt's reason.</li>
 *   <li>The optional {@code prepareConnection} hook runs on each new connection before anyone waiting in
 *       {@code whenConnected} sees it (to log in, say); if it throws or its Deferred fails, that connection
 *       is closed and counts as a failed attempt.</li>
 *   <li>{@link #stopService()} stops retrying, calls off an attempt under way or closes the connection, and
 *       fires once the connection has been lost; pending {@code whenConnected} Deferreds fail with a
 *       {@link CancelledError}, and so do new ones until the service starts again.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ClientService extends AbstractService {
    private static final Logger LOG = Logger.forClass(ClientService.class);

    private final StreamClientEndpoint endpoint;
    private final ClientMachine machine;

    /**
     * Creates the service, not started, retrying with {@link RetryPolicy#backoff()}.
     *
     * @param endpoint where to connect
     * @param factory builds the protocol of each connection
     * @param clock times the waits between attempts: the reactor, or a {@code Clock} in tests
     */
    public ClientService(StreamClientEndpoint endpoint, Factory factory, ReactorTime clock) {
        this(endpoint, factory, clock, RetryPolicy.backoff(), null);
    }

    /**
     * Creates the service, not started.
     *
     * @param endpoint where to connect
     * @param factory builds the protocol of each connection
     * @param clock times the waits between attempts: the reactor, or a {@code Clock} in tests
     * @param retryPolicy how long to wait before each new attempt
     */
    public ClientService(StreamClientEndpoint endpoint, Factory factory, ReactorTime clock, RetryPolicy retryPolicy) {
        this(endpoint, factory, clock, retryPolicy, null);
    }

    /**
     * Creates the service, not started, with a hook that prepares each new connection.
     *
     * @param endpoint where to connect
     * @param factory builds the protocol of each connection
     * @param clock times the waits between attempts: the reactor, or a {@code Clock} in tests
     * @param retryPolicy how long to wait before each new attempt
     * @param prepareConnection called with each new connection's protocol; it may return a Deferred, which
     *     {@code whenConnected} waits for; if it throws or that Deferred fails, the connection is closed and
     *     the attempt counts as failed; null for none
     */
    public ClientService(StreamClientEndpoint endpoint, Factory factory, ReactorTime clock, RetryPolicy retryPolicy,
            @Nullable Callback<Protocol, ?> prepareConnection) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.machine = new ClientMachine(endpoint, Objects.requireNonNull(factory, "factory"),
                Objects.requireNonNull(retryPolicy, "retryPolicy"), Objects.requireNonNull(clock, "clock"),
                prepareConnection, LOG);
    }

    /**
     * Returns the protocol of the current connection, or of the next one if there is none; waits through
     * any number of failed attempts.
     *
     * @return fires with the user's protocol (the one the factory built); fails with a
     *     {@link CancelledError} if the service stops first, or has stopped; cancelling it stops the wait
     */
    public Deferred<Protocol> whenConnected() {
        return machine.whenConnected(0);
    }

    /**
     * As {@link #whenConnected()}, but gives up once {@code failAfterFailures} attempts in a row have failed
     * from now: 1 fails it at the next failed attempt, 2 allows one failure, and so on.
     *
     * @param failAfterFailures how many failed attempts to wait through, at least 1
     * @return fires with the user's protocol, or fails with the last attempt's reason, or with a
     *     {@link CancelledError} if the service stops first
     * @throws IllegalArgumentException if {@code failAfterFailures} is less than 1
     */
    public Deferred<Protocol> whenConnected(int failAfterFailures) {
        if (failAfterFailures < 1) {
            throw new IllegalArgumentException("failAfterFailures must be at least 1, not " + failAfterFailures);
        }
        return machine.whenConnected(failAfterFailures);
    }

    /** Marks the service running and starts connecting; a second start while running is logged and ignored. */
    @Override
    public void startService() {
        if (isRunning()) {
            LOG.warn("Duplicate ClientService.startService {service}", "service", this);
            return;
        }
        super.startService();
        machine.start();
    }

    /**
     * Stops retrying and disconnects.
     *
     * @return fires with null once any connection has been lost and any attempt called off
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        super.stopService();
        return machine.stop();
    }

    @Override
    public String toString() {
        return super.toString() + "(" + endpoint + ", " + machine.state() + ")";
    }
}
