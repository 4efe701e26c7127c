package org.twisted4j.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;
import org.twisted4j.logger.Logger;

/**
 * A server as a service, as Twisted's {@code StreamServerEndpointService}: it listens on an endpoint with
 * a factory while it runs.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * StreamServerEndpointService web = new StreamServerEndpointService(
 *         Endpoints.serverFromString(reactor, "tcp:8080"), Factory.forProtocol(HttpChannel::new));
 * web.setRaiseSynchronously(true);           // a port that cannot be opened fails the start
 * web.setServiceParent(application);
 * web.whenListening().addCallback(port -> { log.info("on {address}", "address", port.getHost()); return null; });
 * }</pre>
 *
 * <h2>Starting and stopping</h2>
 * It listens in {@link #privilegedStartService()}, so that a port below 1024 is bound before a program
 * gives up its privileges, or in {@link #startService()} if that was not called first.
 * {@link #stopService()} stops listening (or calls off an attempt still under way) and fires when the
 * port has closed; connections already accepted stay open. The service can be started again after that.
 *
 * <h2>When listening fails</h2>
 * The failure is logged, and {@link #whenListening()} reports it. The service still counts as running,
 * as in Twisted. With {@link #setRaiseSynchronously(boolean) setRaiseSynchronously(true)}, a failure that
 * the endpoint reports at once (as TCP and UNIX endpoints do for a port in use or not permitted) is thrown
 * out of the start method instead of being logged, so that the program's startup fails with the reason;
 * {@link Services#startApplication} then fails its Deferred and stops the reactor.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class StreamServerEndpointService extends AbstractService {
    private static final Logger LOG = Logger.forClass(StreamServerEndpointService.class);

    private final StreamServerEndpoint endpoint;
    private final Factory factory;
    private final List<Deferred<ListeningPort>> listenWaiters = new ArrayList<>();
    private boolean raiseSynchronously;
    private @Nullable Deferred<@Nullable ListeningPort> listening;
    private @Nullable ListeningPort port;
    private @Nullable Failure listenFailure;

    /**
     * Creates the service, not started.
     *
     * @param endpoint where to listen
     * @param factory builds a protocol for each accepted connection
     */
    public StreamServerEndpointService(StreamServerEndpoint endpoint, Factory factory) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Returns where this service listens. */
    public StreamServerEndpoint endpoint() {
        return endpoint;
    }

    /** Returns the factory that builds the protocols of accepted connections. */
    public Factory factory() {
        return factory;
    }

    /**
     * Chooses whether a listen failure that the endpoint reports at once is thrown out of the start method
     * (true) or only logged (false, the default). Twisted's {@code twist} and {@code strports} turn it on.
     *
     * @param raise whether to throw
     */
    public void setRaiseSynchronously(boolean raise) {
        this.raiseSynchronously = raise;
    }

    /** Returns whether a listen failure reported at once is thrown out of the start method. */
    public boolean raisesSynchronously() {
        return raiseSynchronously;
    }

    /** Returns the port this service is listening on, or null if it is not listening (yet). */
    public @Nullable ListeningPort listeningPort() {
        return port;
    }

    /**
     * Returns a Deferred of the listening port: fired at once if the service is listening, failed at once
     * if its attempt to listen failed, and otherwise fired or failed when the next attempt (the next start)
     * has an outcome. An attempt called off by {@link #stopService()} fails it with a {@link CancelledError}.
     *
     * @return the port, or why there is none
     */
    public Deferred<ListeningPort> whenListening() {
        ListeningPort current = port;
        if (current != null) {
            return Deferred.succeed(current);
        }
        Failure failed = listenFailure;
        if (failed != null) {
            return Deferred.fail(failed);
        }
        Deferred<ListeningPort> waiter = new Deferred<>(listenWaiters::remove);
        listenWaiters.add(waiter);
        return waiter;
    }

    /**
     * Starts listening, unless an attempt is under way or succeeded already.
     *
     * @throws RuntimeException the listen failure, if {@linkplain #setRaiseSynchronously raising} is on
     *     and the endpoint reported the failure before its {@code listen} returned
     */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        if (listening == null) {
            listen();
        }
    }

    /**
     * Marks the service running and starts listening, unless {@link #privilegedStartService()} did.
     *
     * @throws RuntimeException the listen failure, as for {@link #privilegedStartService()}
     */
    @Override
    public void startService() {
        super.startService();
        if (listening == null) {
            privilegedStartService();
        }
    }

    /**
     * Stops listening, or calls off the attempt to listen if it is still under way.
     *
     * @return fires with null once the port has closed (at once if it never opened); the service stops
     *     counting as running then
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        Deferred<@Nullable ListeningPort> attempt = listening;
        listening = null;
        if (attempt == null) {
            return super.stopService();
        }
        attempt.cancel();
        Deferred<@Nullable Void> stopped = new Deferred<>();
        attempt.<@Nullable Void>addCallbackDeferred(open -> open == null ? Deferred.succeed(null) : open.stopListening())
                .addBoth(outcome -> {
                    setRunning(false);
                    port = null;
                    listenFailure = null;
                    if (outcome instanceof Failure failure) {
                        stopped.errback(failure);
                    } else {
                        stopped.callback(null);
                    }
                    return null;
                });
        return stopped;
    }

    @Override
    public String toString() {
        return super.toString() + "(" + endpoint + ")";
    }

    private void listen() {
        port = null;
        listenFailure = null;
        boolean[] inStart = {true};
        List<Failure> raiseNow = new ArrayList<>(1);
        Deferred<ListeningPort> attempt = Deferred.maybeDeferred(() -> endpoint.listen(factory));
        listening = attempt.<@Nullable ListeningPort>addCallbacks(open -> {
            port = open;
            for (Deferred<ListeningPort> waiter : takeWaiters()) {
                waiter.callback(open);
            }
            return open;
        }, failure -> {
            listenFailure = failure;
            for (Deferred<ListeningPort> waiter : takeWaiters()) {
                waiter.errback(failure);
            }
            if (raiseSynchronously && inStart[0]) {
                raiseNow.add(failure);
            } else if (failure.check(CancelledError.class) == null) {
                LOG.failure("{service} could not listen on {endpoint}", failure, "service", this, "endpoint", endpoint);
            }
            return null;
        });
        inStart[0] = false;
        if (!raiseNow.isEmpty()) {
            throw raiseNow.get(0).raise();
        }
    }

    private List<Deferred<ListeningPort>> takeWaiters() {
        List<Deferred<ListeningPort>> waiting = List.copyOf(listenWaiters);
        listenWaiters.clear();
        return waiting;
    }
}
