package org.twisted4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.spread.pb.Remote;
import org.twisted4j.spread.pb.RemoteCache;
import org.twisted4j.spread.pb.RemoteCopy;
import org.twisted4j.spread.pb.RemoteReference;

/**
 * The Perspective Broker client for {@link PBServer}: echoes, adds, receives a copy of the pond, caches the
 * scoreboard and sees it updated, prints what happened, and exits.
 *
 * <pre>
 * bin/run-example pb-client [ENDPOINT]      # ENDPOINT defaults to tcp:host=127.0.0.1:port=8787
 * </pre>
 */
public final class PBClient {
    /** Where the client connects when the command line does not say. */
    public static final String DEFAULT_ENDPOINT = "tcp:host=127.0.0.1:port=8787";

    /** The local copy of a {@link PBServer.Pond}. */
    public static final class PondCopy implements RemoteCopy {
        long frogs;
        long toads;

        /** Made by the broker when a pond arrives. */
        public PondCopy() {
        }

        @Override
        public void setCopyableState(Map<String, @Nullable Object> state) {
            frogs = (Long) state.getOrDefault("frogs", 0L);
            toads = (Long) state.getOrDefault("toads", 0L);
        }
    }

    /** The local cache of a {@link PBServer.Scoreboard}, updated by the server. */
    public static final class ScoreView extends RemoteCache {
        long score;

        /** Made by the broker when a scoreboard arrives. */
        public ScoreView() {
        }

        @Override
        public void setCopyableState(Map<String, @Nullable Object> state) {
            score = (Long) state.getOrDefault("score", 0L);
        }

        /**
         * The server's update.
         *
         * @param score the new score
         */
        @Remote
        public void setScore(long score) {
            this.score = score;
        }
    }

    private PBClient() {
    }

    /** A client factory that knows the server's copy and cache types. */
    public static PBClientFactory factory() {
        return new PBClientFactory()
                .setUnjellyableForClass(PBServer.Pond.TYPE, PondCopy::new)
                .setUnjellyableForClass(PBServer.Scoreboard.TYPE, ScoreView::new);
    }

    /**
     * Talks to the server behind {@code factory} and fires with the lines to print; closes the connection.
     * Reactor thread only.
     */
    public static Deferred<List<String>> talk(PBClientFactory factory) {
        List<String> lines = new ArrayList<>();
        ScoreView[] view = new ScoreView[1];
        RemoteReference[] root = new RemoteReference[1];
        return factory.getRootObject()
                .addCallbackDeferred(r -> {
                    root[0] = r;
                    return r.callRemote("echo", "hello, world");
                })
                .addCallbackDeferred(echo -> {
                    lines.add("echo: " + echo);
                    return root[0].callRemote("add", 2, 3);
                })
                .addCallbackDeferred(sum -> {
                    lines.add("add: " + sum);
                    return root[0].callRemote("pond");
                })
                .addCallbackDeferred(pond -> {
                    PondCopy copy = (PondCopy) pond;
                    lines.add("pond: " + copy.frogs + " frogs, " + copy.toads + " toads");
                    return root[0].callRemote("scoreboard");
                })
                .addCallbackDeferred(cache -> {
                    view[0] = (ScoreView) cache;
                    lines.add("score: " + view[0].score);
                    return root[0].callRemote("bump", 5);
                })
                .addCallback(answer -> {
                    lines.add("score after bump: " + view[0].score);
                    view[0].release();
                    factory.disconnect();
                    return lines;
                });
    }

    /**
     * Connects to {@code description}, talks, and fires with the lines to print. Reactor thread only.
     *
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<List<String>> run(NioReactor reactor, String description) {
        PBClientFactory factory = factory();
        return Endpoints.clientFromString(reactor, description).connect(factory)
                .addCallbackDeferred(connected -> talk(factory));
    }

    /**
     * Talks to a {@link PBServer} and prints what happened.
     *
     * @param args where to connect, an endpoint description
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : DEFAULT_ENDPOINT;
        ExampleMain.react("pb-client", reactor -> run(reactor, where).addCallback(lines -> {
            lines.forEach(System.out::println);
            return null;
        }));
    }
}
