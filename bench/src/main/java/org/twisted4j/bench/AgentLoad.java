package org.twisted4j.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.web.client.Agent;
import org.twisted4j.web.client.HTTPConnectionPool;
import org.twisted4j.web.client.Response;

/**
 * An HTTP client load generator: {@code --concurrency} request loops, each sending a GET to {@code --url} and
 * sending the next as soon as the whole body of the last has arrived, for {@code --warmup} plus
 * {@code --duration} seconds, through one of two clients:
 * <ul>
 *   <li>{@code twisted4j}: an {@link Agent} on one {@link NioReactor} thread, HTTP/1.1 keep-alive, its pool
 *       keeping up to {@code --concurrency} connections per host;
 *   <li>{@code jdk}: the JDK's {@link HttpClient}, HTTP/1.1, {@code sendAsync} with its default executor and
 *       connection pool;
 *   <li>{@code jdk-direct}: the same with an executor that runs each task on the thread that submits it (the
 *       client's selector thread), sparing the hand-offs to a thread pool.
 * </ul>
 * It measures the client: requests completed per second during the measured span, their latency
 * percentiles, and the CPU the client process used per request. Every response must be status 200 with a
 * body equal to {@code --expect FILE} when given (the body's length is always reported); errors and wrong
 * bodies are counted, and the line says {@code verified=false} if there was any.
 *
 * <p>Prints one line: {@code agent-load client=NAME concurrency=N requests=... rate=... p50_ms=... p99_ms=...
 * client_cpu=... client_cpu_us_per_request=... server_cpu=... others_cpu=... errors=... bad=...
 * verified=true}. {@code server_cpu} is the share of one core the processes {@code --server-pids} used
 * (-1 when not given); {@code others_cpu} what every other process used meanwhile.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.AgentLoad --client twisted4j --url http://127.0.0.1:8080/f
 * --concurrency 32 --warmup 3 --duration 5 --expect f}.
 */
public final class AgentLoad {

    private static final String USAGE = """
            Usage: AgentLoad --client twisted4j|jdk|jdk-direct --url URL [--concurrency 32] [--warmup 3] [--duration 5]
                             [--expect FILE] [--server-pids PID,PID...]""";

    private AgentLoad() {
    }

    /** The settings of one run. */
    record Options(String client, URI url, int concurrency, double warmup, double duration, byte[] expected,
                   boolean checkBody, List<Long> serverPids) {

        static Options parse(String[] args) throws IOException {
            String client = "";
            URI url = null;
            int concurrency = 32;
            double warmup = 3;
            double duration = 5;
            byte[] expected = new byte[0];
            boolean check = false;
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--client" -> client = value;
                    case "--url" -> url = URI.create(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--duration" -> duration = Double.parseDouble(value);
                    case "--expect" -> {
                        expected = Files.readAllBytes(Path.of(value));
                        check = true;
                    }
                    case "--server-pids" -> {
                        for (String pid : value.split(",")) {
                            if (!pid.isBlank()) {
                                pids.add(Long.parseLong(pid.trim()));
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!List.of("twisted4j", "jdk", "jdk-direct").contains(client)) {
                throw new IllegalArgumentException("--client must be twisted4j, jdk or jdk-direct");
            }
            if (url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            if (concurrency < 1 || concurrency > 10_000 || warmup < 0 || duration <= 0 || duration > 3600) {
                throw new IllegalArgumentException("--concurrency 1..10000, --warmup >= 0, --duration 0..3600");
            }
            return new Options(client, url, concurrency, warmup, duration, expected, check, List.copyOf(pids));
        }
    }

    /**
     * One request loop's tallies. Each loop has one request in flight at a time and its completions are
     * ordered one after another, so it needs no lock even when completions run on several threads.
     */
    static final class Loop {
        final LatencyHistogram latencies = new LatencyHistogram();
        long measured;
        long errors;
        long bad;
        long lastLength = -1;
    }

    /** The span of the run, in {@link System#nanoTime()} terms, and what went wrong first. */
    static final class Span {
        final long measureStart;
        final long measureEnd;
        final AtomicReference<String> firstProblem = new AtomicReference<>();

        Span(Options options) {
            measureStart = System.nanoTime() + nanos(options.warmup());
            measureEnd = measureStart + nanos(options.duration());
        }

        /** Tallies one finished request; returns whether the loop should send another. */
        boolean finished(Loop loop, Options options, long startedAt, int code, byte[] body, Throwable error) {
            long now = System.nanoTime();
            boolean inWindow = startedAt >= measureStart && now <= measureEnd;
            if (error != null) {
                loop.errors++;
                firstProblem.compareAndSet(null, "error: " + error);
            } else if (code != 200 || body == null || (options.checkBody() && !Arrays.equals(body, options.expected()))) {
                loop.bad++;
                firstProblem.compareAndSet(null, "status " + code + " with a body of "
                        + (body == null ? "none" : body.length + " bytes") + " unlike the expected one");
            } else {
                loop.lastLength = body.length;
                if (inWindow) {
                    loop.measured++;
                    loop.latencies.record(now - startedAt);
                }
            }
            return now < measureEnd;
        }
    }

    /**
     * Runs the load and prints its line; exits with status 1 if a response was wrong or failed, 2 on bad
     * arguments.
     *
     * @param args options, see the class description
     * @throws Exception if the run cannot start
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            loops.add(new Loop());
        }
        Span span = new Span(options);
        Meter meter = new Meter(span, options.serverPids());
        meter.start();
        boolean completed = options.client().equals("twisted4j")
                ? runTwisted4j(options, span, loops)
                : runJdk(options, span, loops);
        meter.join();
        report(options, span, loops, meter, completed);
    }

    private static boolean runTwisted4j(Options options, Span span, List<Loop> loops) {
        NioReactor reactor = new NioReactor();
        HTTPConnectionPool pool = HTTPConnectionPool.builder(reactor)
                .maxPersistentPerHost(options.concurrency())
                .build();
        Agent agent = Agent.builder(reactor).pool(pool).build();
        AtomicInteger running = new AtomicInteger(loops.size());
        boolean[] timedOut = {false};
        reactor.callWhenRunning(() -> {
            for (Loop loop : loops) {
                sendTwisted4j(agent, options, span, loop, () -> {
                    if (running.decrementAndGet() == 0) {
                        reactor.stop();
                    }
                });
            }
            reactor.callLater(options.warmup() + options.duration() + 30, () -> {
                timedOut[0] = true;
                reactor.stop();
            });
        });
        reactor.run(false);
        return !timedOut[0];
    }

    private static void sendTwisted4j(Agent agent, Options options, Span span, Loop loop, Runnable done) {
        long startedAt = System.nanoTime();
        int[] code = {0};
        agent.request("GET", options.url(), null, null)
                .addCallbackDeferred((Response response) -> {
                    code[0] = response.code();
                    return response.readBody();
                })
                .addCallbacks(body -> {
                    next(span.finished(loop, options, startedAt, code[0], body, null), agent, options, span, loop, done);
                    return null;
                }, failure -> {
                    next(span.finished(loop, options, startedAt, code[0], null, failure.value()), agent, options, span,
                            loop, done);
                    return null;
                });
    }

    private static void next(boolean more, Agent agent, Options options, Span span, Loop loop, Runnable done) {
        if (more) {
            sendTwisted4j(agent, options, span, loop, done);
        } else {
            done.run();
        }
    }

    private static boolean runJdk(Options options, Span span, List<Loop> loops) throws InterruptedException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30));
        if (options.client().equals("jdk-direct")) {
            builder.executor(Runnable::run);
        }
        HttpClient client = builder.build();
        HttpRequest request = HttpRequest.newBuilder(options.url()).GET().build();
        CountDownLatch done = new CountDownLatch(loops.size());
        for (Loop loop : loops) {
            sendJdk(client, request, options, span, loop, done);
        }
        return done.await((long) (options.warmup() + options.duration() + 30), TimeUnit.SECONDS);
    }

    private static void sendJdk(HttpClient client, HttpRequest request, Options options, Span span, Loop loop,
            CountDownLatch done) {
        long startedAt = System.nanoTime();
        client.sendAsync(request, BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            boolean more = error == null
                    ? span.finished(loop, options, startedAt, response.statusCode(), response.body(), null)
                    : span.finished(loop, options, startedAt, 0, null, error);
            if (more) {
                sendJdk(client, request, options, span, loop, done);
            } else {
                done.countDown();
            }
        });
    }

    private static void report(Options options, Span span, List<Loop> loops, Meter meter, boolean completed) {
        LatencyHistogram all = new LatencyHistogram();
        long measured = 0;
        long errors = 0;
        long bad = 0;
        long length = -1;
        for (Loop loop : loops) {
            all.add(loop.latencies);
            measured += loop.measured;
            errors += loop.errors;
            bad += loop.bad;
            length = Math.max(length, loop.lastLength);
        }
        double seconds = options.duration();
        double clientCpu = meter.selfCpu();
        boolean verified = completed && errors == 0 && bad == 0 && measured > 0;
        System.out.println(String.format(Locale.ROOT,
                "agent-load client=%s concurrency=%d requests=%d rate=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f"
                        + " p999_ms=%.3f body_bytes=%d client_cpu=%.2f client_cpu_us_per_request=%.2f"
                        + " server_cpu=%.2f others_cpu=%.2f errors=%d bad=%d verified=%s",
                options.client(), options.concurrency(), measured, measured / seconds,
                all.percentileMicros(0.50) / 1000.0, all.percentileMicros(0.90) / 1000.0,
                all.percentileMicros(0.99) / 1000.0, all.percentileMicros(0.999) / 1000.0, length, clientCpu,
                measured > 0 && clientCpu >= 0 ? 1e6 * clientCpu * seconds / measured : -1, meter.serverCpu(),
                meter.othersCpu(), errors, bad, verified));
        String problem = span.firstProblem.get();
        if (problem != null) {
            System.err.println("first problem: " + problem);
        }
        if (!completed) {
            System.err.println("the loops did not all finish within 30 s of the end");
        }
        System.exit(verified ? 0 : 1);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    /** A thread that reads the CPU counters at the start and the end of the measured span. */
    static final class Meter extends Thread {
        private final Span span;
        private final List<Long> serverPids;
        private final long self = ProcessHandle.current().pid();
        private double selfCpu = -1;
        private double serverCpu = -1;
        private double othersCpu = -1;

        Meter(Span span, List<Long> serverPids) {
            super("cpu-meter");
            setDaemon(true);
            this.span = span;
            this.serverPids = serverPids;
        }

        @Override
        public void run() {
            try {
                sleepUntil(span.measureStart);
                long t0 = System.nanoTime();
                double self0 = CpuMeter.cpuSeconds(self);
                double server0 = serverSeconds();
                double machine0 = CpuMeter.machineBusySeconds();
                sleepUntil(span.measureEnd);
                double wall = (System.nanoTime() - t0) / 1e9;
                selfCpu = CpuMeter.utilisation(self0, CpuMeter.cpuSeconds(self), wall);
                serverCpu = serverPids.isEmpty() ? -1 : CpuMeter.utilisation(server0, serverSeconds(), wall);
                double machine = CpuMeter.utilisation(machine0, CpuMeter.machineBusySeconds(), wall);
                othersCpu = machine < 0 ? -1 : Math.max(0, machine - selfCpu - Math.max(0, serverCpu));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private double serverSeconds() {
            double sum = 0;
            for (long pid : serverPids) {
                double s = CpuMeter.cpuSeconds(pid);
                if (s < 0) {
                    return -1;
                }
                sum += s;
            }
            return sum;
        }

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            long left;
            while ((left = nanoTime - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        }

        double selfCpu() {
            return selfCpu;
        }

        double serverCpu() {
            return serverCpu;
        }

        double othersCpu() {
            return othersCpu;
        }
    }
}
