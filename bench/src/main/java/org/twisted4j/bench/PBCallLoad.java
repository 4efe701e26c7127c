package org.twisted4j.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.spread.pb.PBServerFactory;
import org.twisted4j.spread.pb.Remote;
import org.twisted4j.spread.pb.RemoteReference;
import org.twisted4j.spread.pb.Root;

/**
 * Perspective Broker calls per second: twisted4j's PB client calling {@code add(1, 2)} in a loop (one call in
 * flight per connection) on twisted4j's PB server and, in the same run, on Python Twisted's
 * ({@code bench/python/pb_add_server.py}), with 1 and with 100 connections; prints each rate and the ratio.
 *
 * <pre>
 * PBCallLoad [--seconds 5] [--warmup 2] [--rounds 3] [--python /usr/bin/python3] [--script bench/python/pb_add_server.py]
 * </pre>
 *
 * <p>twisted4j's server runs on a reactor thread of this JVM, the client on another; the Python server is a
 * child process. Every answer is checked (3); a wrong answer or a failed call counts as an error.
 */
public final class PBCallLoad {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");

    /** One measurement. */
    public record Result(int round, String server, int connections, long calls, long errors, double seconds) {
        /** Calls answered per second. */
        public double rate() {
            return calls / seconds;
        }
    }

    /** The server's root. */
    public static final class Adder implements Root {
        /** Made once per server. */
        public Adder() {
        }

        /**
         * Adds.
         *
         * @param a a number
         * @param b another
         * @return the sum
         */
        @Remote
        public long add(long a, long b) {
            return a + b;
        }
    }

    private PBCallLoad() {
    }

    /**
     * Runs the load and prints the table.
     *
     * @param args the options above
     * @throws Exception if a server cannot be started
     */
    public static void main(String[] args) throws Exception {
        double seconds = 5;
        double warmup = 2;
        int rounds = 3;
        String python = "/usr/bin/python3";
        String script = "bench/python/pb_add_server.py";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--python" -> python = args[i + 1];
                case "--script" -> script = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Result> results = run(Path.of(python), Path.of(script), rounds, warmup, seconds, List.of(1, 100));
        System.out.print(report(results));
    }

    /**
     * Starts both servers, measures each connection count against each server in every round (alternating
     * which server goes first), and stops them.
     */
    public static List<Result> run(Path python, Path script, int rounds, double warmup, double seconds,
            List<Integer> connectionCounts) throws Exception {
        NioReactor serverReactor = start("pb-server");
        NioReactor clientReactor = start("pb-client");
        Process pythonServer = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        try {
            int ours = serverReactor.blockingCallFromThread(() -> ((IPv4Address) serverReactor.listenTCP(0,
                    new PBServerFactory(new Adder()), 128, "127.0.0.1").getHost()).port());
            int theirs = announcedPort(pythonServer);
            List<Result> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (int connections : connectionCounts) {
                    boolean oursFirst = (round + connections) % 2 == 1;
                    for (int turn = 0; turn < 2; turn++) {
                        boolean useOurs = (turn == 0) == oursFirst;
                        results.add(measure(clientReactor, round, useOurs ? "twisted4j" : "python",
                                useOurs ? ours : theirs, connections, warmup, seconds));
                    }
                }
            }
            return results;
        } finally {
            pythonServer.destroy();
            pythonServer.waitFor(10, TimeUnit.SECONDS);
            serverReactor.callFromThread(serverReactor::stop);
            clientReactor.callFromThread(clientReactor::stop);
        }
    }

    private static NioReactor start(String name) {
        NioReactor reactor = new NioReactor();
        Thread thread = new Thread(() -> reactor.run(false), name);
        thread.setDaemon(true);
        thread.start();
        return reactor;
    }

    private static int announcedPort(Process process) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        String line = reader.readLine();
        Matcher matcher = line == null ? null : LISTENING.matcher(line);
        if (matcher == null || !matcher.find()) {
            throw new IllegalStateException("the Python PB server did not start: " + line);
        }
        Thread drain = new Thread(() -> reader.lines().forEach(rest -> { }), "python-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(matcher.group(1));
    }

    /** Connects {@code connections} clients, lets them call for warm-up plus the measured time, counts. */
    static Result measure(NioReactor reactor, int round, String server, int port, int connections, double warmup,
            double seconds) throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            Counter counter = new Counter();
            List<PBClientFactory> factories = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                PBClientFactory factory = new PBClientFactory();
                factories.add(factory);
                reactor.connectTCP("127.0.0.1", port, factory);
                factory.getRootObject().addCallback(root -> {
                    loop(root, counter);
                    return null;
                });
            }
            reactor.callLater(warmup, () -> {
                counter.startCalls = counter.calls;
                counter.startErrors = counter.errors;
                counter.startedAt = System.nanoTime();
            });
            reactor.callLater(warmup + seconds, () -> {
                double elapsed = (System.nanoTime() - counter.startedAt) / 1e9;
                counter.stopped = true;
                factories.forEach(PBClientFactory::disconnect);
                done.complete(new Result(round, server, connections, counter.calls - counter.startCalls,
                        counter.errors - counter.startErrors, elapsed));
            });
        });
        Result result = done.get((long) (warmup + seconds + 60), TimeUnit.SECONDS);
        Thread.sleep(500);  // let the closed connections go before the next measurement
        return result;
    }

    private static final class Counter {
        long calls;
        long errors;
        long startCalls;
        long startErrors;
        long startedAt;
        boolean stopped;
    }

    private static void loop(RemoteReference root, Counter counter) {
        if (counter.stopped) {
            return;
        }
        root.callRemote("add", 1, 2).addCallbacks(sum -> {
            if (Long.valueOf(3).equals(sum)) {
                counter.calls++;
            } else {
                counter.errors++;
            }
            loop(root, counter);
            return null;
        }, failure -> {
            if (!counter.stopped) {
                counter.errors++;
            }
            return null;
        });
    }

    /** The results as a table, then the ratio twisted4j/python per round and connection count. */
    public static String report(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s %-10s %11s %12s %8s%n",
                "round", "server", "connections", "calls/s", "errors"));
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%-6d %-10s %11d %12.0f %8d%n", r.round(), r.server(),
                    r.connections(), r.rate(), r.errors()));
        }
        out.append(String.format(Locale.ROOT, "%nratio twisted4j/python (calls/s, same round)%n"));
        for (Result ours : results) {
            if (!ours.server().equals("twisted4j")) {
                continue;
            }
            for (Result theirs : results) {
                if (theirs.server().equals("python") && theirs.round() == ours.round()
                        && theirs.connections() == ours.connections()) {
                    out.append(String.format(Locale.ROOT, "round %d, %3d connections: %.2f%n", ours.round(),
                            ours.connections(), ours.rate() / theirs.rate()));
                }
            }
        }
        return out.toString();
    }
}
