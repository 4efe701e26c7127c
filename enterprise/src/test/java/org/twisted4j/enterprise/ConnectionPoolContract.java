package org.twisted4j.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/**
 * What every database the pool is tested against must show: each call, commit and rollback, parameters bound
 * verbatim, generated keys, batches, the wait queue failing fast, cancellation, streaming with back-pressure,
 * and closing after the calls in flight. Subclasses say how to reach their database and the few SQL
 * phrases that differ.
 */
@ExtendWith(TrialExtension.class)
abstract class ConnectionPoolContract {

    /** Strings that would change a statement if they were pasted into its text. */
    static final List<String> HOSTILE = List.of("'; DROP TABLE guest; --", "Robert'); DROP TABLE guest;--",
            "\" OR \"1\"=\"1", "' OR '1'='1", "\\'; SELECT 1; --", "$$; DROP TABLE guest; $$", "?", "'?'",
            "/* unterminated", "\u0000 nul", "é \u2603 \uD83D\uDE00", "", "%_\\");

    /** A builder connected to a fresh, empty database. */
    abstract ConnectionPoolBuilder database(Trial trial) throws Exception;

    /** The column definition of an integer key the database generates. */
    abstract String identityColumn();

    /** A query that runs for a minute or more unless cancelled. */
    abstract String slowQuery();

    /** A query of {@code count} rows of (integer n, text padding). */
    abstract String rangeQuery(long count);

    ConnectionPool pool(Trial trial, ConnectionPoolBuilder builder) {
        return builder.build(trial.reactor());
    }

    ConnectionPool guestbook(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial));
        Coroutine.await(pool.runOperation("CREATE TABLE guest (id " + identityColumn()
                + ", name VARCHAR(200), said VARCHAR(2000), stars INTEGER)"));
        return pool;
    }

    static void close(ConnectionPool pool) throws Exception {
        Coroutine.await(pool.stopService());
    }

    @Test
    void runQueryGivesRowsByIndexAndLabel(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        Coroutine.await(pool.runOperation("INSERT INTO guest(name, said, stars) VALUES (?, ?, ?)", "ann", "hello", 5));
        Coroutine.await(pool.runOperation("INSERT INTO guest(name, said, stars) VALUES (?, ?, ?)", "bob", null, 3));
        List<Row> rows = Coroutine.await(pool.runQuery("SELECT name, said, stars FROM guest ORDER BY name"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getString(0)).isEqualTo("ann");
        assertThat(rows.get(0).getString("NAME")).isEqualTo("ann");
        assertThat(rows.get(0).getInt("stars")).isEqualTo(5);
        assertThat(rows.get(0).getLong(2)).isEqualTo(5L);
        assertThat(rows.get(1).get("said")).isNull();
        assertThat(rows.get(1).labels()).extracting(String::toLowerCase).containsExactly("name", "said", "stars");
        close(pool);
    }

    @Test
    void callbacksRunOnTheReactorThread(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        NioReactor reactor = trial.reactor();
        Thread[] seen = new Thread[1];
        Coroutine.await(pool.runQuery("SELECT COUNT(*) FROM guest").addCallback(rows -> {
            seen[0] = Thread.currentThread();
            return rows;
        }));
        assertThat(Coroutine.drivingThread()).isSameAs(seen[0]);
        assertThat(reactor.isRunning()).isTrue();
        close(pool);
    }

    @Test
    void runOperationGivesTheUpdateCount(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        for (String name : List.of("a", "b", "c")) {
            Coroutine.await(pool.runOperation("INSERT INTO guest(name, stars) VALUES (?, ?)", name, 1));
        }
        assertThat(Coroutine.await(pool.runOperation("UPDATE guest SET stars = ? WHERE name <> ?", 4, "b"))).isEqualTo(2);
        close(pool);
    }

    @Test
    void interactionCommitsWhenItReturns(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        long count = Coroutine.await(pool.runInteraction(txn -> {
            txn.execute("INSERT INTO guest(name) VALUES (?)", "ann");
            txn.execute("INSERT INTO guest(name) VALUES (?)", "bob");
            return txn.query("SELECT COUNT(*) FROM guest").get(0).getLong(0);
        }));
        assertThat(count).isEqualTo(2);
        assertThat(Coroutine.await(pool.runQuery("SELECT COUNT(*) FROM guest")).get(0).getLong(0)).isEqualTo(2);
        close(pool);
    }

    @Test
    void interactionRollsBackWhenItThrowsAndTheErrorReachesTheErrback(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        Coroutine.await(pool.runOperation("INSERT INTO guest(name) VALUES (?)", "kept"));
        Deferred<Object> failed = pool.runInteraction(txn -> {
            txn.execute("INSERT INTO guest(name) VALUES (?)", "lost");
            txn.execute("DELETE FROM guest WHERE name = ?", "kept");
            throw new IllegalStateException("changed my mind");
        });
        Failure failure = awaitFailure(failed);
        assertThat(failure.value()).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");
        List<Row> rows = Coroutine.await(pool.runQuery("SELECT name FROM guest"));
        assertThat(rows).extracting(row -> row.getString(0)).containsExactly("kept");
        close(pool);
    }

    @Test
    void sqlErrorsReachTheErrback(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        Failure failure = awaitFailure(pool.runQuery("SELECT nonsense FROM nowhere"));
        assertThat(failure.value()).isInstanceOf(SQLException.class);
        assertThat(Coroutine.await(pool.runQuery("SELECT COUNT(*) FROM guest"))).hasSize(1);
        close(pool);
    }

    @Test
    void runWithConnectionLendsARawConnection(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        long count = Coroutine.await(pool.runWithConnection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO guest(name) VALUES ('raw')");
                try (ResultSet results = statement.executeQuery("SELECT COUNT(*) FROM guest")) {
                    results.next();
                    return results.getLong(1);
                }
            }
        }));
        assertThat(count).isEqualTo(1);
        close(pool);
    }

    @Test
    void batchesRunEveryArgumentList(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        int[] counts = Coroutine.await(pool.runBatch("INSERT INTO guest(name, stars) VALUES (?, ?)",
                List.of(List.of("a", 1), List.of("b", 2), List.of("c", 3))));
        assertThat(counts).hasSize(3);
        assertThat(Coroutine.await(pool.runQuery("SELECT SUM(stars) FROM guest")).get(0).getLong(0)).isEqualTo(6);
        close(pool);
    }

    @Test
    void insertGivesTheGeneratedKeys(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        long first = Coroutine.await(pool.runInsert("INSERT INTO guest(name) VALUES (?)", "ann")).get(0).getLong(0);
        long second = Coroutine.await(pool.runInsert("INSERT INTO guest(name) VALUES (?)", "bob")).get(0).getLong(0);
        assertThat(second).isGreaterThan(first);
        List<Row> rows = Coroutine.await(pool.runQuery("SELECT name FROM guest WHERE id = ?", second));
        assertThat(rows.get(0).getString("name")).isEqualTo("bob");
        close(pool);
    }

    @Test
    void hostileStringsAreStoredAndReadBackVerbatim(Trial trial) throws Exception {
        ConnectionPool pool = guestbook(trial);
        for (String hostile : hostile()) {
            Coroutine.await(pool.runOperation("INSERT INTO guest(name, said) VALUES (?, ?)", hostile, hostile));
        }
        List<Row> rows = Coroutine.await(pool.runQuery("SELECT name, said FROM guest ORDER BY id"));
        assertThat(rows).extracting(row -> row.getString("name")).containsExactlyElementsOf(hostile());
        assertThat(rows).extracting(row -> row.getString("said")).containsExactlyElementsOf(hostile());
        for (String hostile : hostile()) {
            assertThat(Coroutine.await(pool.runQuery("SELECT COUNT(*) FROM guest WHERE name = ?", hostile)).get(0)
                    .getLong(0)).as(hostile).isEqualTo(1);
        }
        close(pool);
    }

    /** The hostile strings this database can store (PostgreSQL refuses NUL in text). */
    List<String> hostile() {
        return HOSTILE;
    }

    @Test
    void aFullWaitQueueFailsTheNextCallAtOnce(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1).waitQueue(1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Deferred<String> busy = pool.runWithConnection(connection -> {
            inside.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "first";
        });
        Coroutine.await(trial.reactor().deferToThread(() -> inside.await(60, TimeUnit.SECONDS)));
        Deferred<List<Row>> queued = pool.runQuery("SELECT 1");
        Deferred<List<Row>> refused = pool.runQuery("SELECT 2");
        assertThat(pool.running()).isEqualTo(1);
        assertThat(pool.waiting()).isEqualTo(1);
        Failure failure = trial.failureResultOf(refused, PoolExhaustedError.class);
        assertThat(failure.getErrorMessage()).contains("connection pool exhausted", "all 1 connections",
                "1 calls are already waiting");
        trial.assertNoResult(queued);
        release.countDown();
        assertThat(Coroutine.await(busy)).isEqualTo("first");
        assertThat(Coroutine.await(queued)).hasSize(1);
        close(pool);
    }

    @Test
    void cancellingAWaitingCallTakesItOutOfTheQueue(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Deferred<String> busy = pool.runWithConnection(connection -> {
            inside.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "done";
        });
        Coroutine.await(trial.reactor().deferToThread(() -> inside.await(60, TimeUnit.SECONDS)));
        Deferred<List<Row>> queued = pool.runQuery("SELECT 1");
        queued.cancel();
        trial.failureResultOf(queued, CancelledError.class);
        assertThat(pool.waiting()).isZero();
        release.countDown();
        Coroutine.await(busy);
        close(pool);
    }

    @Test
    void callsHandedOutAheadAndCallsQueuedBehindThemRunInOrderAndCancelApart(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1).waitQueue(5));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Deferred<String> busy = pool.runWithConnection(connection -> {
            inside.countDown();
            release.await(60, TimeUnit.SECONDS);
            order.add("busy");
            return "busy";
        });
        Coroutine.await(trial.reactor().deferToThread(() -> inside.await(60, TimeUnit.SECONDS)));
        Deferred<String> next = pool.runWithConnection(connection -> {
            order.add("next");
            return "next";
        });
        Deferred<String> cancelled = pool.runWithConnection(connection -> {
            order.add("cancelled");
            return "cancelled";
        });
        Deferred<String> last = pool.runWithConnection(connection -> {
            order.add("last");
            return "last";
        });
        assertThat(pool.running()).isEqualTo(1);
        assertThat(pool.waiting()).isEqualTo(3);
        cancelled.cancel();
        trial.failureResultOf(cancelled, CancelledError.class);
        assertThat(pool.waiting()).isEqualTo(2);
        release.countDown();
        assertThat(Coroutine.await(last)).isEqualTo("last");
        assertThat(Coroutine.await(next)).isEqualTo("next");
        assertThat(Coroutine.await(busy)).isEqualTo("busy");
        assertThat(order).containsExactly("busy", "next", "last");
        close(pool);
    }

    @Test
    void cancellingARunningQueryCancelsTheStatement(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1));
        CountDownLatch entered = new CountDownLatch(1);
        Deferred<List<Row>> slow = pool.runInteraction(txn -> {
            entered.countDown();
            return txn.query(slowQuery());
        });
        Coroutine.await(trial.reactor().deferToThread(() -> entered.await(60, TimeUnit.SECONDS)));
        long started = System.nanoTime();
        slow.cancel();
        trial.failureResultOf(slow, CancelledError.class);
        // The connection comes back once the database has stopped the statement: the next call gets it.
        assertThat(Coroutine.await(pool.runQuery("SELECT 7")).get(0).getInt(0)).isEqualTo(7);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        close(pool);
    }

    @Test
    void aTimeoutOnTheDeferredCancelsTheStatement(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1));
        Deferred<List<Row>> slow = pool.runQuery(slowQuery()).addTimeout(0.3, trial.reactor());
        Failure failure = awaitFailure(slow);
        assertThat(failure.value()).isInstanceOf(org.twisted4j.defer.TimeoutError.class);
        assertThat(Coroutine.await(pool.runQuery("SELECT 8")).get(0).getInt(0)).isEqualTo(8);
        close(pool);
    }

    @Test
    void streamingDeliversEveryRowInBatchesAndHoldsThemWhilePaused(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial));
        List<Integer> sizes = new ArrayList<>();
        long[] sum = {0};
        PushProducer[] producer = new PushProducer[1];
        boolean[] deliveredWhilePaused = {false};
        boolean[] paused = {false};
        Deferred<Long> done = pool.runQueryStreaming(rangeQuery(10_000), List.of(), 100, new RowConsumer() {
            @Override
            public void streamStarted(PushProducer rows) {
                producer[0] = rows;
            }

            @Override
            public void rowsReceived(List<Row> batch) {
                deliveredWhilePaused[0] |= paused[0];
                sizes.add(batch.size());
                for (Row row : batch) {
                    sum[0] += row.getLong(0);
                }
                if (sizes.size() == 10) {
                    paused[0] = true;
                    producer[0].pauseProducing();
                    trial.reactor().callLater(0.2, () -> {
                        paused[0] = false;
                        producer[0].resumeProducing();
                    });
                }
            }
        });
        assertThat(Coroutine.await(done)).isEqualTo(10_000L);
        assertThat(sizes).hasSize(100).allMatch(size -> size == 100);
        assertThat(sum[0]).isEqualTo(10_000L * 10_001 / 2);
        assertThat(deliveredWhilePaused[0]).isFalse();
        close(pool);
    }

    @Test
    void stoppingTheStreamCancelsTheQuery(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1));
        PushProducer[] producer = new PushProducer[1];
        int[] batches = {0};
        Deferred<Long> done = pool.runQueryStreaming(rangeQuery(1_000_000), List.of(), 100, new RowConsumer() {
            @Override
            public void streamStarted(PushProducer rows) {
                producer[0] = rows;
            }

            @Override
            public void rowsReceived(List<Row> batch) {
                if (++batches[0] == 3) {
                    producer[0].stopProducing();
                }
            }
        });
        awaitFailure(done).trap(CancelledError.class);
        assertThat(batches[0]).isEqualTo(3);
        assertThat(Coroutine.await(pool.runQuery("SELECT 9")).get(0).getInt(0)).isEqualTo(9);
        close(pool);
    }

    @Test
    void aConsumerThatThrowsFailsTheStream(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1));
        Deferred<Long> done = pool.runQueryStreaming(rangeQuery(1_000), List.of(), 10, batch -> {
            throw new IllegalArgumentException("no thanks");
        });
        assertThat(awaitFailure(done).value()).isInstanceOf(IllegalArgumentException.class).hasMessage("no thanks");
        assertThat(Coroutine.await(pool.runQuery("SELECT 10")).get(0).getInt(0)).isEqualTo(10);
        close(pool);
    }

    @Test
    void stoppingLetsCallsInFlightFinishAndRefusesNewOnes(Trial trial) throws Exception {
        ConnectionPool pool = pool(trial, database(trial).max(1).min(1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Deferred<String> busy = pool.runWithConnection(connection -> {
            inside.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "finished";
        });
        Deferred<List<Row>> queued = pool.runQuery("SELECT 11");
        Coroutine.await(trial.reactor().deferToThread(() -> inside.await(60, TimeUnit.SECONDS)));
        Deferred<Void> stopped = pool.stopService();
        trial.failureResultOf(pool.runQuery("SELECT 12"), PoolClosedError.class);
        trial.assertNoResult(stopped);
        release.countDown();
        assertThat(Coroutine.await(busy)).isEqualTo("finished");
        assertThat(Coroutine.await(queued).get(0).getInt(0)).isEqualTo(11);
        Coroutine.await(stopped);
        assertThat(pool.hikari()).isNotNull();
        assertThat(pool.hikari().isClosed()).isTrue();
    }

    /** Waits for {@code deferred} to fail and returns its failure (a Failure cannot itself be a Deferred's result). */
    static Failure awaitFailure(Deferred<?> deferred) throws Exception {
        Deferred<List<Failure>> outcome = new Deferred<>();
        deferred.addCallbacks(value -> {
            outcome.errback(new AssertionError("expected a failure, got " + value));
            return null;
        }, failure -> {
            outcome.callback(List.of(failure));
            return null;
        });
        return Coroutine.await(outcome).get(0);
    }
}
