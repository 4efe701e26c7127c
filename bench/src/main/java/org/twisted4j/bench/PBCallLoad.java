package org.twisted4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.spread.pb.RemoteReference;

/**
 * A load generator for Perspective Broker servers on 127.0.0.1, made of twisted4j's own PB client:
 * {@code --connections} connections, each getting the server's root object and keeping {@code --window} calls
 * of {@code root.callRemote("add", a, 7)} outstanding, making the next as soon as one is answered. Every
 * answer is checked ({@code a + 7}). Prints one line, {@code pb-load scenario=cN rate=... unit=calls/s
 * verified=true ...} (see {@link ScenarioResult} and {@link MeasurementWindow} for the CPU fields).
 * bench/pb-vs-twisted.sh runs it against twisted4j's {@code pb-server} example and Python Twisted's
 * {@code bench/python/pb_add_server.py} in turn.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.PBCallLoad --port 8787 --connections 100 --window 16
 * [--warmup 3] [--duration 10] [--server-pid PID]}.
 *
 * <p>Threading: {@link #main} runs the reactor on the calling thread; everything else happens on it.
 */
public final class PBCallLoad {

    private final NioReactor reactor;
    private final LoadOptions options;
    private final List<PBClientFactory> factories = new ArrayList<>();
    private @Nullable MeasurementWindow clock;
    private long next;
    private long outstanding;
    private long completed;
    private long wrong;
    private @Nullable Failure failed;
    private @Nullable ScenarioResult result;

    private PBCallLoad(NioReactor reactor, LoadOptions options) {
        this.reactor = reactor;
        this.options = options;
    }

    /**
     * Runs the load once; exits with status 1 if an answer was wrong or a call failed, 2 on bad arguments.
     *
     * @param args options, as {@link LoadOptions#parse} reads them (scenarios, size and TLS are not used)
     */
    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: PBCallLoad --port PORT [--connections 100] [--window 16] [--warmup 3]"
                    + " [--duration 10] [--server-pid PID]");
            System.exit(2);
            return;
        }
        PBCallLoad load = run(options);
        ScenarioResult line = load.result;
        if (line == null) {
            System.err.println("the load ended without a result");
            System.exit(1);
            return;
        }
        System.out.println(line);
        if (!line.verified()) {
            Failure failure = load.failed;
            System.err.println("Some calls failed or were answered wrongly"
                    + (failure != null ? ": " + failure.value() : ""));
            System.exit(1);
        }
    }

    /** Runs the load on a reactor of its own, on the calling thread, until it has its result. */
    static PBCallLoad run(LoadOptions options) {
        NioReactor reactor = new NioReactor();
        PBCallLoad load = new PBCallLoad(reactor, options);
        reactor.callWhenRunning(load::start);
        reactor.run(false);
        return load;
    }

    /** The result line, or null if the run has not ended. */
    @Nullable ScenarioResult result() {
        return result;
    }

    private void start() {
        clock = new MeasurementWindow(options);
        for (int i = 0; i < options.connections(); i++) {
            PBClientFactory factory = new PBClientFactory();
            factories.add(factory);
            reactor.connectTCP("127.0.0.1", options.port(), factory);
            factory.getRootObject().addCallbacks(root -> {
                for (int w = 0; w < options.window(); w++) {
                    call(root);
                }
                return null;
            }, this::fail);
        }
        reactor.callLater(0.05, this::tick);
    }

    private void call(RemoteReference root) {
        MeasurementWindow window = clock;
        if (window == null || !window.sending() || failed != null) {
            return;
        }
        long a = next++;
        outstanding++;
        root.callRemote("add", a, 7L).addCallbacks(sum -> {
            outstanding--;
            completed++;
            if (!(sum instanceof Number n) || n.longValue() != a + 7) {
                wrong++;
            }
            call(root);
            return null;
        }, failure -> {
            outstanding--;
            return fail(failure);
        });
    }

    private @Nullable Void fail(Failure failure) {
        if (failed == null) {
            failed = failure;
        }
        return null;
    }

    /** Moves the clock on every 50 ms, and ends the run once the last answers are in (or cannot come). */
    private void tick() {
        MeasurementWindow window = clock;
        if (window == null) {
            return;
        }
        long now = System.nanoTime();
        window.tick(now, completed);
        if (!window.sending() && outstanding == 0 || window.drainExpired(now) || failed != null && outstanding == 0) {
            finish(window);
        } else {
            reactor.callLater(0.05, this::tick);
        }
    }

    private void finish(MeasurementWindow window) {
        result = window.addTo(new ScenarioResult("pb-load", "c" + options.connections()), "calls/s")
                .put("connections", options.connections()).put("window", options.window())
                .put("calls", window.count())
                .put("verified", failed == null && wrong == 0 && outstanding == 0 && window.count() > 0);
        factories.forEach(PBClientFactory::disconnect);
        reactor.callLater(0.1, reactor::stop);
    }
}
