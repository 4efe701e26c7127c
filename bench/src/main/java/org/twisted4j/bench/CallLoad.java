package org.twisted4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;

/**
 * The load generator behind {@link AmpLoad} and {@link PBCallLoad}: {@code --connections} connections to a
 * server on 127.0.0.1, each keeping {@code --window} calls that add two numbers outstanding and making the next
 * as soon as one is answered. Every answer is checked ({@code a + 7}). It makes one result line, {@code NAME
 * scenario=cN rate=... unit=calls/s verified=true ...} (see {@link ScenarioResult} and
 * {@link MeasurementWindow} for the CPU fields); the {@link Protocol} says how to connect and call.
 *
 * <p>Threading: {@link #run} runs the reactor on the calling thread; everything else happens on it.
 *
 * @param <C> a connection of the protocol
 */
final class CallLoad<C> {

    private final NioReactor reactor;
    private final LoadOptions options;
    private final Protocol<C> protocol;
    private final List<C> connections = new ArrayList<>();
    private @Nullable MeasurementWindow clock;
    private long next;
    private long completed;
    private long outstanding;
    private long wrong;
    private @Nullable Failure failed;
    private @Nullable ScenarioResult result;

    private CallLoad(Protocol<C> protocol, NioReactor reactor, LoadOptions options) {
        this.protocol = protocol;
        this.reactor = reactor;
        this.options = options;
    }

    /**
     * Runs the load once; exits with status 1 if an answer was wrong or a call failed, 2 on bad arguments.
     *
     * @param args options, as {@link LoadOptions#parse} reads them (scenarios, size and TLS are not used)
     */
    static void runFromCommandLine(Protocol<?> protocol, String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: " + protocol.getClass().getSimpleName() + " --port PORT [--connections 100]"
                    + " [--window 16] [--warmup 3] [--duration 10] [--server-pid PID]");
            System.exit(2);
            return;
        }
        CallLoad<?> load = run(protocol, options);
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
    static <C> CallLoad<C> run(Protocol<C> protocol, LoadOptions options) {
        NioReactor reactor = new NioReactor();
        CallLoad<C> load = new CallLoad<>(protocol, reactor, options);
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
            protocol.connect(reactor, options.port()).addCallbacks(connection -> {
                connections.add(connection);
                for (int w = 0; w < options.window(); w++) {
                    call(connection);
                }
                return null;
            }, this::fail);
        }
        reactor.callLater(0.05, this::tick);
    }

    private void call(C connection) {
        MeasurementWindow window = clock;
        if (window == null || !window.sending() || failed != null) {
            return;
        }
        long a = next++;
        outstanding++;
        protocol.add(connection, a, 7).addCallbacks(sum -> {
            outstanding--;
            completed++;
            if (sum != a + 7) {
                wrong++;
            }
            call(connection);
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
        result = window.addTo(new ScenarioResult(protocol.name(), "c" + options.connections()), "calls/s")
                .put("connections", options.connections()).put("window", options.window())
                .put("calls", window.count())
                .put("verified", failed == null && wrong == 0 && outstanding == 0 && window.count() > 0);
        connections.forEach(protocol::disconnect);
        reactor.callLater(0.1, reactor::stop);
    }

    /**
     * What the load needs of one protocol: how to connect, how to ask the server to add two numbers, and how to
     * hang up.
     *
     * @param <C> a connection, or what stands for it (a remote reference)
     */
    interface Protocol<C> {
        /** The name that starts the result line, such as {@code amp-load}. */
        String name();

        /** Connects to the server on 127.0.0.1 at {@code port}. */
        Deferred<C> connect(NioReactor reactor, int port);

        /** Asks the server for {@code a + b} and gives its answer. */
        Deferred<Long> add(C connection, long a, long b);

        /** Closes the connection. */
        void disconnect(C connection);
    }
}
