package org.twisted4j.application;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Callback;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.logger.Logger;

/**
 * The states of a {@link ClientService} keeping one connection to an endpoint, as Twisted's
 * {@code _ClientMachine}. Each input is a method; what it does depends on the state, as in the table of
 * transitions in each method's switch.
 */
final class ClientMachine {

    enum State {
        /** Not started yet. */
        INIT,
        /** An attempt to connect (or to prepare the connection) is under way. */
        CONNECTING,
        /** Waiting for the retry policy's delay before the next attempt. */
        WAITING,
        /** Connected; {@code current} is the connection. */
        CONNECTED,
        /** Stopping: waiting for the connection (or the attempt) to end. */
        DISCONNECTING,
        /** Stopping, and asked to start again once stopped. */
        RESTARTING,
        /** Stopped. */
        STOPPED
    }

    /** A {@code whenConnected} Deferred and how many more failures it waits for (0: no limit). */
    private static final class Waiter {
        final Deferred<Protocol> deferred;
        int failuresLeft;

        Waiter(Deferred<Protocol> deferred, int failuresLeft) {
            this.deferred = deferred;
            this.failuresLeft = failuresLeft;
        }
    }

    private final StreamClientEndpoint endpoint;
    private final Factory factory;
    private final RetryPolicy retryPolicy;
    private final ReactorTime clock;
    private final @Nullable Callback<Protocol, ?> prepareConnection;
    private final Logger log;
    private final List<Waiter> awaiting = new ArrayList<>();
    private final List<Deferred<@Nullable Void>> stopWaiters = new ArrayList<>();
    private State state = State.INIT;
    private int failedAttempts;
    private @Nullable Deferred<?> connectionInProgress;
    private @Nullable LossNotifyingProtocol attempting;
    private @Nullable LossNotifyingProtocol current;
    private @Nullable DelayedCall retryCall;

    ClientMachine(StreamClientEndpoint endpoint, Factory factory, RetryPolicy retryPolicy, ReactorTime clock,
            @Nullable Callback<Protocol, ?> prepareConnection, Logger log) {
        this.endpoint = endpoint;
        this.factory = factory;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.prepareConnection = prepareConnection;
        this.log = log;
    }

    State state() {
        return state;
    }

    void start() {
        switch (state) {
            case INIT, STOPPED -> {
                state = State.CONNECTING;
                connect();
            }
            case DISCONNECTING -> {
                state = State.RESTARTING;
                failedAttempts = 0;
            }
            case CONNECTING, WAITING, CONNECTED, RESTARTING -> { }
        }
    }

    Deferred<@Nullable Void> stop() {
        switch (state) {
            case INIT, STOPPED -> {
                state = State.STOPPED;
                cancelWaiters();
                return Deferred.succeed(null);
            }
            case CONNECTING -> {
                state = State.DISCONNECTING;
                Deferred<@Nullable Void> stopped = waitForStop();
                Deferred<?> attempt = connectionInProgress;
                if (attempt != null) {
                    attempt.cancel();   // normally fails the attempt at once: connectionFailed finishes stopping
                }
                return stopped;
            }
            case WAITING -> {
                state = State.STOPPED;
                Deferred<@Nullable Void> stopped = waitForStop();
                cancelWaiters();
                DelayedCall retry = retryCall;
                retryCall = null;
                if (retry != null && retry.active()) {
                    retry.cancel();
                }
                finishStopping();
                return stopped;
            }
            case CONNECTED -> {
                state = State.DISCONNECTING;
                Deferred<@Nullable Void> stopped = waitForStop();
                LossNotifyingProtocol connection = current;
                if (connection != null) {
                    connection.wrapped().transport().loseConnection();
                }
                return stopped;
            }
            case RESTARTING -> {
                state = State.DISCONNECTING;
                return waitForStop();
            }
            case DISCONNECTING -> {
                return waitForStop();
            }
        }
        throw new AssertionError(state);
    }

    Deferred<Protocol> whenConnected(int failAfterFailures) {
        LossNotifyingProtocol connection = current;
        if (state == State.CONNECTED && connection != null) {
            return Deferred.succeed(connection.wrapped());
        }
        if (state == State.STOPPED) {
            return Deferred.fail(new CancelledError("the ClientService has been stopped"));
        }
        Deferred<Protocol> deferred = new Deferred<>(cancelled -> awaiting.removeIf(w -> w.deferred == cancelled));
        awaiting.add(new Waiter(deferred, failAfterFailures));
        return deferred;
    }

    private void connect() {
        LossNotifyingFactory wrapping = new LossNotifyingFactory(factory, this::clientDisconnected);
        Deferred<Protocol> attempt = Deferred.maybeDeferred(() -> endpoint.connect(wrapping));
        connectionInProgress = attempt;
        attempt.<LossNotifyingProtocol>addCallbackDeferred(this::prepare)
                .addCallbacks(connection -> {
                    connectionMade(connection);
                    return null;
                }, failure -> {
                    connectionFailed(failure);
                    return null;
                });
    }

    /** Runs the prepareConnection hook; if it fails, closes the connection and passes the failure on. */
    private Deferred<LossNotifyingProtocol> prepare(Protocol built) {
        if (!(built instanceof LossNotifyingProtocol connection)) {
            return Deferred.fail(new IllegalStateException(
                    endpoint + " delivered " + built + ", which is not the protocol its factory built"));
        }
        attempting = connection;
        Callback<Protocol, ?> hook = prepareConnection;
        if (hook == null) {
            return Deferred.succeed(connection);
        }
        return Deferred.<@Nullable Object>maybeDeferred(() -> hook.apply(connection.wrapped()))
                .addErrbackDeferred(failure -> {
                    connection.wrapped().transport().loseConnection();
                    return Deferred.fail(failure);
                })
                .addCallback(ignored -> connection);
    }

    private void connectionMade(LossNotifyingProtocol connection) {
        attempting = null;
        connectionInProgress = null;
        switch (state) {
            case CONNECTING -> {
                state = State.CONNECTED;
                failedAttempts = 0;
                current = connection;
                List<Waiter> waiting = takeWaiters();
                for (Waiter waiter : waiting) {
                    waiter.deferred.callback(connection.wrapped());
                }
            }
            case DISCONNECTING, RESTARTING -> {
                // The attempt was called off but finished anyway: close it; its loss moves the state on.
                current = connection;
                connection.wrapped().transport().loseConnection();
            }
            case INIT, WAITING, CONNECTED, STOPPED -> connection.wrapped().transport().loseConnection();
        }
    }

    private void connectionFailed(Failure failure) {
        attempting = null;
        connectionInProgress = null;
        switch (state) {
            case CONNECTING -> {
                state = State.WAITING;
                scheduleRetry();
                deliverConnectionFailure(failure);
            }
            case DISCONNECTING -> {
                state = State.STOPPED;
                cancelWaiters();
                finishStopping();
            }
            case RESTARTING -> {
                state = State.CONNECTING;
                finishStopping();
                connect();
            }
            case INIT, WAITING, CONNECTED, STOPPED -> { }
        }
    }

    private void clientDisconnected(LossNotifyingProtocol connection) {
        if (connection == attempting && state == State.CONNECTING) {
            // Lost while being prepared: the attempt fails.
            Deferred<?> attempt = connectionInProgress;
            if (attempt != null) {
                attempt.cancel();
            }
            return;
        }
        if (connection != current) {
            return;
        }
        current = null;
        switch (state) {
            case CONNECTED -> {
                state = State.WAITING;
                scheduleRetry();
            }
            case DISCONNECTING -> {
                state = State.STOPPED;
                cancelWaiters();
                finishStopping();
            }
            case RESTARTING -> {
                state = State.CONNECTING;
                finishStopping();
                connect();
            }
            case INIT, CONNECTING, WAITING, STOPPED -> { }
        }
    }

    private void reconnect() {
        retryCall = null;
        if (state == State.WAITING) {
            state = State.CONNECTING;
            connect();
        }
    }

    private void scheduleRetry() {
        failedAttempts++;
        double delay = retryPolicy.delay(failedAttempts);
        if (!(delay >= 0)) {
            delay = 0;
        }
        log.info("Scheduling retry {attempt} to connect {endpoint} in {delay} seconds.",
                "attempt", failedAttempts, "endpoint", endpoint, "delay", delay);
        retryCall = clock.callLater(delay, this::reconnect);
    }

    /** Fails the waiters whose failure limit this failure reaches; the others count it. */
    private void deliverConnectionFailure(Failure failure) {
        List<Waiter> ready = new ArrayList<>();
        awaiting.removeIf(waiter -> {
            if (waiter.failuresLeft == 0) {
                return false;
            }
            if (waiter.failuresLeft == 1) {
                ready.add(waiter);
                return true;
            }
            waiter.failuresLeft--;
            return false;
        });
        for (Waiter waiter : ready) {
            waiter.deferred.errback(failure);
        }
    }

    private void cancelWaiters() {
        for (Waiter waiter : takeWaiters()) {
            waiter.deferred.errback(new CancelledError("the ClientService was stopped before it connected"));
        }
    }

    private List<Waiter> takeWaiters() {
        List<Waiter> waiting = List.copyOf(awaiting);
        awaiting.clear();
        return waiting;
    }

    private Deferred<@Nullable Void> waitForStop() {
        Deferred<@Nullable Void> stopped = new Deferred<>();
        stopWaiters.add(stopped);
        return stopped;
    }

    private void finishStopping() {
        List<Deferred<@Nullable Void>> waiting = List.copyOf(stopWaiters);
        stopWaiters.clear();
        for (Deferred<@Nullable Void> stopped : waiting) {
            stopped.callback(null);
        }
    }
}
