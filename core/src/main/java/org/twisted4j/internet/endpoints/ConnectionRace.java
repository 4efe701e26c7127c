package org.twisted4j.internet.endpoints;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectingCancelledError;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;

/**
 * Connects to the first of several endpoints that answers, starting one attempt every {@code attemptDelay}
 * seconds (the staggering of Happy Eyeballs): the first success wins and the attempts still under way are
 * cancelled; once every endpoint has been tried and every attempt has failed, the race fails with the last
 * failure. Cancelling the race cancels every attempt under way.
 */
final class ConnectionRace {

    private final ReactorTime clock;
    private final Iterator<StreamClientEndpoint> endpoints;
    private final Factory factory;
    private final double attemptDelay;
    private final Deferred<Protocol> winner;
    private final List<Deferred<Protocol>> pending = new ArrayList<>();
    private @Nullable Failure lastFailure;
    private @Nullable DelayedCall nextAttempt;
    private boolean allStarted;
    private boolean done;

    private ConnectionRace(ReactorTime clock, List<StreamClientEndpoint> endpoints, Factory factory,
            double attemptDelay, String destination) {
        this.clock = clock;
        this.endpoints = List.copyOf(endpoints).iterator();
        this.factory = factory;
        this.attemptDelay = attemptDelay;
        this.winner = new Deferred<>(cancelled -> {
            finish();
            cancelled.errback(new ConnectingCancelledError(destination));
        });
    }

    /**
     * Starts the first attempt now and returns the Deferred of the race's outcome.
     *
     * @param endpoints the endpoints in the order to try them; not empty
     * @param destination what the endpoints stand for, for the cancellation's message
     */
    static Deferred<Protocol> start(ReactorTime clock, List<StreamClientEndpoint> endpoints, Factory factory,
            double attemptDelay, String destination) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoints to connect to");
        }
        ConnectionRace race = new ConnectionRace(clock, endpoints, factory, attemptDelay, destination);
        race.startNext();
        return race.winner;
    }

    private void startNext() {
        nextAttempt = null;
        if (done) {
            return;
        }
        StreamClientEndpoint endpoint = endpoints.next();
        Deferred<Protocol> attempt;
        try {
            attempt = endpoint.connect(factory);
        } catch (RuntimeException e) {
            attempt = Deferred.fail(e);
        }
        pending.add(attempt);
        if (endpoints.hasNext()) {
            nextAttempt = clock.callLater(attemptDelay, this::startNext);
        } else {
            allStarted = true;
        }
        Deferred<Protocol> thisAttempt = attempt;
        attempt.addCallbacks(protocol -> {
            pending.remove(thisAttempt);
            succeeded(protocol);
            return null;
        }, failure -> {
            pending.remove(thisAttempt);
            lastFailure = failure;
            failedIfAllFailed();
            return null;
        });
    }

    private void succeeded(Protocol protocol) {
        if (done) {
            // Only a cancelled race gets here, if an attempt connects despite its cancellation; nobody wants it.
            protocol.transport().abortConnection();
            return;
        }
        finish();
        winner.callback(protocol);
    }

    private void failedIfAllFailed() {
        if (done || !allStarted || !pending.isEmpty()) {
            return;
        }
        finish();
        Failure last = lastFailure;
        winner.errback(last != null ? last : new Failure(new IllegalStateException("no attempt was made")));
    }

    /** Ends the race: no more attempts start, and those under way are cancelled. */
    private void finish() {
        done = true;
        DelayedCall next = nextAttempt;
        nextAttempt = null;
        if (next != null && next.active()) {
            next.cancel();
        }
        for (Deferred<Protocol> attempt : List.copyOf(pending)) {
            attempt.cancel();
        }
    }
}
