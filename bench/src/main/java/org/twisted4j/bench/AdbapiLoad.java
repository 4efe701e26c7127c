package org.twisted4j.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.twisted4j.enterprise.ConnectionPool;
import org.twisted4j.enterprise.Row;
import org.twisted4j.internet.NioReactor;

/**
 * The load of bench/adbapi-vs-jdbc.sh: {@code --concurrency} loops each running one primary-key query after
 * another against a database, measured two ways over the same HikariCP pool in the same run: through
 * {@link ConnectionPool#runQuery} (each loop a chain of Deferreds on one reactor thread), and as plain JDBC,
 * each loop a virtual thread borrowing a connection, running the prepared query and reading the row. The two
 * alternate, each round starting with the other, each with a warm-up before its measured window. Prints one
 * line per measured run: {@code adbapi round=R mode=M queries_per_s=Q p50_us=P p99_us=P ok=N errors=E}.
 *
 * <pre>
 * java -cp ... org.twisted4j.bench.AdbapiLoad --url jdbc:postgresql://127.0.0.1:5432/postgres --user postgres
 * </pre>
 */
public final class AdbapiLoad {
    private static final String QUERY = "SELECT id, name FROM bench_item WHERE id = ?";
    private static final int ITEMS = 1000;

    private final HikariDataSource source;
    private final int concurrency;

    private AdbapiLoad(HikariDataSource source, int concurrency) {
        this.source = source;
        this.concurrency = concurrency;
    }

    /** What one measured run counted. */
    private record Outcome(long ok, long errors, double seconds, LatencyHistogram latencies) {
    }

    /** Runs the load; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String user = "postgres";
        int concurrency = 100;
        int poolSize = 10;
        double warmup = 2;
        double duration = 5;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--pool" -> poolSize = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                case "--duration" -> duration = Double.parseDouble(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        try (HikariDataSource source = new HikariDataSource(config)) {
            prepare(source);
            AdbapiLoad load = new AdbapiLoad(source, concurrency);
            NioReactor reactor = new NioReactor();
            ConnectionPool pool = ConnectionPool.builder().dataSource(source).waitQueue(concurrency)
                    .startWithReactor(false).build(reactor);
            Thread reactorThread = Thread.ofPlatform().name("reactor").start(reactor::run);
            reactor.blockingCallFromThread(() -> {
                pool.startService();
                return null;
            });
            for (int round = 1; round <= rounds; round++) {
                List<String> order = round % 2 == 1 ? List.of("adbapi", "jdbc") : List.of("jdbc", "adbapi");
                for (String mode : order) {
                    Outcome outcome = mode.equals("adbapi") ? load.deferred(reactor, pool, warmup, duration)
                            : load.plain(warmup, duration);
                    System.out.printf("adbapi round=%d mode=%s queries_per_s=%.0f p50_us=%d p99_us=%d ok=%d errors=%d%n",
                            round, mode, outcome.ok / outcome.seconds, outcome.latencies.percentileMicros(0.5),
                            outcome.latencies.percentileMicros(0.99), outcome.ok, outcome.errors);
                }
            }
            reactor.blockingCallFromThread(pool::stopService);
            reactor.stop();
            reactorThread.join();
        }
    }

    private static void prepare(HikariDataSource source) throws Exception {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_item");
            statement.execute("CREATE TABLE bench_item (id INTEGER PRIMARY KEY, name VARCHAR(100))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_item VALUES (?, ?)")) {
                for (int i = 0; i < ITEMS; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "item number " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** The phases of a run; the loops read it after each query. */
    private static final int WARMING = 0;
    private static final int MEASURING = 1;
    private static final int STOPPING = 2;

    private volatile int phase;

    private Outcome deferred(NioReactor reactor, ConnectionPool pool, double warmup, double duration) throws Exception {
        phase = WARMING;
        CountDownLatch ended = new CountDownLatch(concurrency);
        LatencyHistogram latencies = new LatencyHistogram(); // reactor thread only
        long[] counts = new long[2]; // ok, errors; reactor thread only
        reactor.callFromThread(() -> {
            for (int i = 0; i < concurrency; i++) {
                new DeferredLoop(pool, i, ended, latencies, counts).query();
            }
        });
        double seconds = window(warmup, duration);
        ended.await(60, TimeUnit.SECONDS);
        long[] snapshot = reactor.blockingCallFromThread(counts::clone);
        return new Outcome(snapshot[0], snapshot[1], seconds, latencies);
    }

    /** One loop of queries through the pool, each started from the callback of the one before. Reactor thread. */
    private final class DeferredLoop {
        private final ConnectionPool pool;
        private final CountDownLatch ended;
        private final LatencyHistogram latencies;
        private final long[] counts;
        private int next;

        DeferredLoop(ConnectionPool pool, int first, CountDownLatch ended, LatencyHistogram latencies, long[] counts) {
            this.pool = pool;
            this.next = first;
            this.ended = ended;
            this.latencies = latencies;
            this.counts = counts;
        }

        void query() {
            long started = System.nanoTime();
            next = (next + 7) % ITEMS;
            pool.runQuery(QUERY, next).addCallbacks(rows -> {
                done(started, check(rows) ? 0 : 1);
                return null;
            }, failure -> {
                done(started, 1);
                return null;
            });
        }

        private void done(long started, int error) {
            if (phase == MEASURING) {
                latencies.record(System.nanoTime() - started);
                counts[error]++;
            }
            if (phase == STOPPING) {
                ended.countDown();
            } else {
                query();
            }
        }
    }

    private static boolean check(List<Row> rows) {
        return rows.size() == 1 && rows.get(0).getString(1) != null;
    }

    private Outcome plain(double warmup, double duration) throws Exception {
        phase = WARMING;
        List<Thread> loops = new ArrayList<>();
        List<LatencyHistogram> histograms = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        for (int i = 0; i < concurrency; i++) {
            LatencyHistogram latencies = new LatencyHistogram();
            histograms.add(latencies);
            int first = i;
            loops.add(Thread.ofVirtual().start(() -> {
                int next = first;
                while (phase != STOPPING) {
                    long started = System.nanoTime();
                    next = (next + 7) % ITEMS;
                    boolean good;
                    try (Connection connection = source.getConnection();
                         PreparedStatement statement = connection.prepareStatement(QUERY)) {
                        statement.setInt(1, next);
                        try (ResultSet results = statement.executeQuery()) {
                            good = results.next() && results.getString(2) != null;
                        }
                    } catch (Exception e) {
                        good = false;
                    }
                    if (phase == MEASURING) {
                        latencies.record(System.nanoTime() - started);
                        (good ? ok : errors).incrementAndGet();
                    }
                }
            }));
        }
        double seconds = window(warmup, duration);
        for (Thread loop : loops) {
            loop.join();
        }
        LatencyHistogram all = new LatencyHistogram();
        histograms.forEach(all::add);
        return new Outcome(ok.get(), errors.get(), seconds, all);
    }

    /** Warms up, measures, stops; returns the measured seconds. */
    private double window(double warmup, double duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep((long) (warmup * 1000));
        long start = System.nanoTime();
        phase = MEASURING;
        TimeUnit.MILLISECONDS.sleep((long) (duration * 1000));
        phase = STOPPING;
        return (System.nanoTime() - start) / 1e9;
    }
}
