package org.twisted4j.spread.pb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.testing.IOPump;

/** The objects the broker tests lend, copy and cache, and a connected pair of brokers. */
final class PbFixtures {
    private PbFixtures() {
    }

    /** A server broker and a client broker over a loopback pump, the client's root reference ready. */
    record Pair(Broker server, Broker client, IOPump pump, RemoteReference root) {
        static Pair connect(PBRoot root) {
            return connect(new PBServerFactory(root), new PBClientFactory());
        }

        static Pair connect(PBServerFactory serverFactory, PBClientFactory clientFactory) {
            Broker server = (Broker) serverFactory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
            Broker client = (Broker) clientFactory.buildProtocol(IOPump.DEFAULT_SERVER_ADDRESS);
            Deferred<RemoteReference> root = clientFactory.getRootObject();
            IOPump pump = IOPump.connectedLoopback(server, client);
            pump.flush();
            RemoteReference[] got = new RemoteReference[1];
            root.addCallback(r -> got[0] = r);
            if (got[0] == null) {
                throw new AssertionError("no root object after the handshake");
            }
            return new Pair(server, client, pump, got[0]);
        }

        /** Whether the client has written nothing the pump has not delivered yet. */
        boolean clientTransportIsIdle() {
            return !pump.pump();
        }

        /** Calls, pumps until quiet, and returns the Deferred (fired, unless the call waits on something). */
        Deferred<@Nullable Object> call(RemoteReference target, String name, @Nullable Object... args) {
            Deferred<@Nullable Object> answer = target.callRemote(name, args);
            pump.flush();
            return answer;
        }
    }

    /** A root with a little of everything. */
    static final class Everything implements Root {
        final Referenceable shared = new Counter();
        final Pond pond = new Pond(3, 4);
        final Scoreboard scoreboard = new Scoreboard();
        final List<Object> received = new ArrayList<>();
        @Nullable Deferred<@Nullable Object> later;

        @Remote
        public @Nullable Object echo(@Nullable Object value) {
            received.add(value);
            return value;
        }

        @Remote
        public long add(long a, long b) {
            return a + b;
        }

        @Remote
        public Object boom() {
            throw new IllegalStateException("boom inside");
        }

        @Remote
        public String big(int size) {
            return "x".repeat(size);
        }

        @Remote
        public Object assertion() {
            throw new AssertionError("a broken invariant");
        }

        @Remote
        public Object refuse() {
            throw new PBError("not for you");
        }

        @Remote
        public Referenceable shared() {
            return shared;
        }

        @Remote
        public Referenceable fresh() {
            return new Counter();
        }

        @Remote
        public Deferred<@Nullable Object> callBack(RemoteReference callback, Object value) {
            return callback.callRemote("take", value);
        }

        @Remote
        public Deferred<@Nullable Object> waitForIt() {
            Deferred<@Nullable Object> d = new Deferred<>();
            later = d;
            return d;
        }

        @Remote
        public Pond pond() {
            return pond;
        }

        @Remote
        public Scoreboard scoreboard() {
            return scoreboard;
        }

        @Remote
        public boolean same(Object value) {
            return value == shared || value == scoreboard;
        }
    }

    /** A referenceable with state. */
    static final class Counter implements Referenceable {
        long count;

        @Remote
        public long increment(long by) {
            count += by;
            return count;
        }

        @Remote
        public Object take(Object value) {
            return List.of("took", value);
        }
    }

    /** Twisted's copy example: a pond of frogs and toads. */
    static final class Pond implements Copyable {
        final long frogs;
        final long toads;

        Pond(long frogs, long toads) {
            this.frogs = frogs;
            this.toads = toads;
        }

        @Override
        public String typeToCopyFor(@Nullable Object perspective) {
            return "__main__.Pond";
        }

        @Override
        public Map<String, ?> stateToCopyFor(@Nullable Object perspective) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("frogs", frogs);
            state.put("toads", toads);
            return state;
        }
    }

    /** The receiving side of a pond. */
    static final class PondCopy implements RemoteCopy {
        Map<String, @Nullable Object> state = Map.of();

        @Override
        public void setCopyableState(Map<String, @Nullable Object> state) {
            this.state = state;
        }
    }

    /** A cacheable score that updates its observers. */
    static class Scoreboard implements Cacheable {
        final Set<RemoteCacheObserver> observers = new HashSet<>();
        final List<RemoteCacheObserver> stopped = new ArrayList<>();
        long score = 10;

        @Override
        public String typeToCopyFor(@Nullable Object perspective) {
            return "__main__.Scoreboard";
        }

        @Override
        public Map<String, ?> stateToCopyFor(@Nullable Object perspective) {
            return Map.of("score", score);
        }

        @Override
        public Map<String, ?> stateToCacheAndObserveFor(@Nullable Object perspective, RemoteCacheObserver observer) {
            observers.add(observer);
            return stateToCopyFor(perspective);
        }

        @Override
        public void stoppedObserving(@Nullable Object perspective, RemoteCacheObserver observer) {
            observers.remove(observer);
            stopped.add(observer);
        }

        void add(long points) {
            score += points;
            for (RemoteCacheObserver observer : observers) {
                observer.callRemote("setScore", score)
                        .addErrback(gone -> null); // an observer whose connection is lost no longer needs it
            }
        }
    }

    /** The receiving side of a scoreboard. */
    static final class ScoreView extends RemoteCache {
        long score = -1;
        int updates;

        @Override
        public void setCopyableState(Map<String, @Nullable Object> state) {
            score = (Long) state.get("score");
        }

        @Remote
        public void setScore(long score) {
            this.score = score;
            updates++;
        }
    }
}
