package org.twisted4j.examples;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.spread.pb.Cacheable;
import org.twisted4j.spread.pb.Copyable;
import org.twisted4j.spread.pb.PBServerFactory;
import org.twisted4j.spread.pb.Remote;
import org.twisted4j.spread.pb.RemoteCacheObserver;
import org.twisted4j.spread.pb.Root;

/**
 * A Perspective Broker server, as Twisted's {@code pbsimple.py} and {@code copy_sender.py} together: its root
 * object echoes and adds, hands out a copy of a pond, and a scoreboard that clients cache and see updated.
 * Python Twisted clients reach it too ({@code pb.PBClientFactory().getRootObject()}).
 *
 * <pre>
 * bin/run-example pb-server [ENDPOINT]      # ENDPOINT defaults to tcp:8787
 * </pre>
 */
public final class PBServer {
    /** Where the server listens when the command line does not say: PB's port. */
    public static final String DEFAULT_ENDPOINT = "tcp:8787";

    /** The root object: what {@code getRootObject()} reaches. */
    public static final class Service implements Root {
        private final Scoreboard scoreboard = new Scoreboard();

        /** Made by {@link #factory()}. */
        public Service() {
        }

        /**
         * Sends back what it gets.
         *
         * @param value anything Jelly carries
         * @return the same value
         */
        @Remote
        public @Nullable Object echo(@Nullable Object value) {
            return value;
        }

        /**
         * Adds two numbers.
         *
         * @param a a number
         * @param b another
         * @return their sum
         */
        @Remote
        public long add(long a, long b) {
            return a + b;
        }

        /**
         * A copy of a pond.
         *
         * @return the pond, sent as its state
         */
        @Remote
        public Pond pond() {
            return new Pond(3, 4);
        }

        /**
         * The scoreboard, which the caller caches.
         *
         * @return the scoreboard
         */
        @Remote
        public Scoreboard scoreboard() {
            return scoreboard;
        }

        /**
         * Adds points to the scoreboard; every cache of it is updated before the answer goes.
         *
         * @param points how many
         * @return the new score
         */
        @Remote
        public long bump(long points) {
            return scoreboard.add(points);
        }
    }

    /**
     * Frogs and toads, copied to the client as {@code twisted4j.examples.Pond}.
     *
     * @param frogs how many frogs
     * @param toads how many toads
     */
    public record Pond(long frogs, long toads) implements Copyable {
        /** The type name clients register their copy class for. */
        public static final String TYPE = "twisted4j.examples.Pond";

        @Override
        public String typeToCopyFor(@Nullable Object perspective) {
            return TYPE;
        }

        @Override
        public Map<String, ?> stateToCopyFor(@Nullable Object perspective) {
            return Map.of("frogs", frogs, "toads", toads);
        }
    }

    /** A score each client caches as {@code twisted4j.examples.Scoreboard} and sees change. */
    public static final class Scoreboard implements Cacheable {
        /** The type name clients register their cache class for. */
        public static final String TYPE = "twisted4j.examples.Scoreboard";

        private final Set<RemoteCacheObserver> observers = new HashSet<>();
        private long score;

        Scoreboard() {
        }

        @Override
        public String typeToCopyFor(@Nullable Object perspective) {
            return TYPE;
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
        }

        long add(long points) {
            score += points;
            for (RemoteCacheObserver observer : observers) {
                observer.callRemote("setScore", score)
                        .addErrback(gone -> null); // an observer whose connection is lost no longer needs it
            }
            return score;
        }
    }

    private PBServer() {
    }

    /** Returns the factory: a PB server whose root is a new {@link Service}. */
    public static PBServerFactory factory() {
        return new PBServerFactory(new Service());
    }

    /**
     * Listens on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        return ExampleMain.listen(reactor, "pb-server", description, factory());
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description
     */
    public static void main(String[] args) {
        ExampleMain.serve("pb-server", args, DEFAULT_ENDPOINT, PBServer::start);
    }
}
