package org.twisted4j.enterprise;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.AbstractService;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * A pool of JDBC connections whose calls answer with Deferreds, as Twisted's
 * {@code twisted.enterprise.adbapi.ConnectionPool}: reactor code asks for a query, the query runs on a virtual
 * thread with a pooled connection, and its rows come back on the reactor thread.
 *
 * <pre>{@code
 * ConnectionPool pool = ConnectionPool.builder().url("jdbc:postgresql://127.0.0.1/app").user("app").build(reactor);
 * pool.runOperation("INSERT INTO guest(name, said) VALUES (?, ?)", name, text)
 *     .addCallbackDeferred(count -> pool.runQuery("SELECT name, said FROM guest ORDER BY id"))
 *     .addCallback(rows -> { rows.forEach(r -> show(r.getString("name"), r.getString("said"))); return null; });
 * }</pre>
 *
 * <h2>Calls</h2>
 * {@link #runQuery} (rows), {@link #runOperation} (update count), {@link #runInsert} (generated keys),
 * {@link #runBatch}, {@link #runInteraction} (a function in one transaction: commit on return, rollback on
 * throw), {@link #runWithConnection} (a raw connection), and {@link #runQueryStreaming} (rows in batches
 * to a consumer that can pause them). Arguments are always bound as statement parameters, never pasted into
 * the SQL, so a value cannot change what a statement does.
 *
 * <h2>Concurrency and overload</h2>
 * At most {@code max} calls run at once, each on a virtual thread holding one connection; up to
 * {@code waitQueue} more wait their turn in order; a call beyond that fails at once with
 * {@link PoolExhaustedError}, so overload never piles up blocked threads. Up to {@code max} of the waiting calls
 * are handed to the threads ahead of time, so that a thread done with one call takes the next with the
 * connection it just gave back, without waiting for the reactor thread to dispatch it.
 *
 * <h2>Cancelling</h2>
 * Cancelling a call's Deferred (directly, or by {@link Deferred#addTimeout}) takes a waiting call out of the
 * queue, or cancels the running statement with {@link Statement#cancel}; the Deferred fails with
 * {@link CancelledError} at once, and the connection goes back to the pool once the database has stopped.
 *
 * <h2>Life cycle</h2>
 * A {@link org.twisted4j.application.Service}: built with {@code startWithReactor} (the default) it starts when
 * the reactor runs and stops before the reactor shuts down. Calls made before it starts wait in the queue.
 * {@link #stopService} refuses new calls ({@link PoolClosedError}), lets the accepted ones finish, then closes the
 * connections.
 *
 * <h2>Threading</h2>
 * Reactor thread only; every Deferred fires on the reactor thread.
 *
 * @implNote Connections are pooled by HikariCP, the field's standard JDBC pool; this class adds the
 * reactor's side: the bounded queue, Deferreds, cancellation and Twisted's reconnect semantics.
 */
public final class ConnectionPool extends AbstractService {
    private static final Logger LOG = Logger.forClass(ConnectionPool.class);
    private static final Executor VIRTUAL_THREADS = work -> Thread.ofVirtual().name("adbapi").start(work);

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final ReactorThreads threads;
    private final ConnectionPoolBuilder settings;
    private final int concurrency;
    private final int timeoutSeconds;
    private final String description;
    private final ArrayDeque<Job<?>> waiting = new ArrayDeque<>();
    /** Calls handed to the threads and not yet taken by one; at most {@link #concurrency}. */
    private final ConcurrentLinkedQueue<Job<?>> handedOut = new ConcurrentLinkedQueue<>();
    private State state = State.NEW;
    /** Calls handed to the threads (running, or in {@link #handedOut}) whose outcome has not come back. */
    private int inFlight;
    /** Threads taking calls from {@link #handedOut}; at most {@link #concurrency}. */
    private int workers;
    private @Nullable HikariDataSource hikari;
    private boolean ownsHikari;
    private @Nullable Deferred<@Nullable Void> closed;

    ConnectionPool(ConnectionPoolBuilder settings, ReactorThreads threads, ReactorCore core) {
        this.threads = threads;
        this.settings = settings;
        this.concurrency = settings.dataSource instanceof HikariDataSource given ? given.getMaximumPoolSize() : settings.max;
        this.timeoutSeconds = Transaction.seconds(settings.queryTimeout);
        this.description = settings.dataSource != null ? settings.dataSource.toString()
                : settings.url != null ? settings.url : settings.embeddedUrl();
        if (settings.startWithReactor) {
            core.callWhenRunning(this::startService);
            core.addSystemEventTrigger(ReactorCore.Phase.BEFORE, ReactorCore.SHUTDOWN, this::stopService);
        }
    }

    /** Starts setting up a pool; see {@link ConnectionPoolBuilder}. */
    public static ConnectionPoolBuilder builder() {
        return new ConnectionPoolBuilder();
    }

    /**
     * Runs a query and fires with all its rows, as Twisted's {@code runQuery}.
     *
     * @param sql the query, with {@code ?} for each argument
     * @param args the arguments, bound in order as parameters
     */
    public Deferred<List<Row>> runQuery(String sql, @Nullable Object... args) {
        return submit((job, connection) -> Transaction.query(connection, job, timeoutSeconds, sql, args));
    }

    /** Runs a statement that returns no rows and fires with its update count, as Twisted's {@code runOperation}. */
    public Deferred<Integer> runOperation(String sql, @Nullable Object... args) {
        return submit((job, connection) -> Transaction.execute(connection, job, timeoutSeconds, sql, args));
    }

    /** Runs an INSERT and fires with the keys generated for its rows ({@link Transaction#insert}). */
    public Deferred<List<Row>> runInsert(String sql, @Nullable Object... args) {
        return submit((job, connection) -> Transaction.insert(connection, job, timeoutSeconds, sql, args));
    }

    /**
     * Runs one statement for each list of arguments as a JDBC batch, in one transaction, and fires with the
     * update counts ({@link Transaction#batch}).
     */
    public Deferred<int[]> runBatch(String sql, List<? extends List<?>> argumentLists) {
        List<? extends List<?>> copy = List.copyOf(argumentLists);
        return runInteraction(txn -> txn.batch(sql, copy));
    }

    /**
     * Runs {@code interaction} in one transaction, as Twisted's {@code runInteraction}: committed when it
     * returns, rolled back when it throws, the Deferred failing with what it threw (or with {@link ConnectionLost}
     * if {@code reconnect} is on and the connection proved dead).
     */
    public <T extends @Nullable Object> Deferred<T> runInteraction(Interaction<T> interaction) {
        return submit((job, connection) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = interaction.run(new Transaction(connection, job, timeoutSeconds));
                connection.commit();
                return result;
            } catch (Throwable error) {
                try {
                    connection.rollback();
                } catch (SQLException | RuntimeException rollbackFailed) {
                    error.addSuppressed(rollbackFailed);
                }
                throw error;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        });
    }

    /**
     * Runs {@code work} with a raw connection, as Twisted's {@code runWithConnection}; the connection is in
     * auto-commit mode unless the work changes it. Statements it makes itself are not cancelled with the
     * Deferred.
     */
    public <T extends @Nullable Object> Deferred<T> runWithConnection(ConnectionWork<T> work) {
        return submit((job, connection) -> work.run(connection));
    }

    /**
     * Runs a query and hands its rows to {@code consumer} in batches of {@code batchSize} on the reactor
     * thread, reading ahead at most a couple of batches, so that a result of any size is never held in
     * memory at once. The consumer can pause the flow through the producer it gets in
     * {@link RowConsumer#streamStarted}. Fires with the number of rows delivered, after the last batch; fails
     * with what the query or the consumer threw, or with {@link CancelledError} if the consumer stopped the
     * producer.
     *
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public Deferred<Long> runQueryStreaming(String sql, List<?> args, int batchSize, RowConsumer consumer) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        @Nullable Object[] arguments = args.toArray();
        RowStream stream = new RowStream(threads, consumer, batchSize);
        Job<Long> job = newJob((self, connection) -> stream.read(self, connection, timeoutSeconds, sql, arguments));
        job.onCancel = stream::stopReading;
        stream.attach(job, () -> cancel(job));
        consumer.streamStarted(stream);
        return enqueue(job);
    }

    /** Returns how many calls are running now. Reactor thread. */
    public int running() {
        return Math.min(inFlight, concurrency);
    }

    /** Returns how many calls are waiting for a connection now. Reactor thread. */
    public int waiting() {
        return waiting.size() + Math.max(0, inFlight - concurrency);
    }

    /** Returns the HikariCP pool underneath, once started, for its metrics and settings. Reactor thread. */
    public @Nullable HikariDataSource hikari() {
        return hikari;
    }

    /** Opens the pool (HikariCP starts filling it in the background) and runs the calls that waited. */
    @Override
    public void startService() {
        if (state != State.NEW) {
            return;
        }
        super.startService();
        if (settings.dataSource instanceof HikariDataSource given) {
            hikari = given;
        } else {
            hikari = new HikariDataSource(hikariConfig());
            ownsHikari = true;
        }
        state = State.RUNNING;
        dispatch();
    }

    /**
     * Refuses new calls, lets the running and waiting ones finish, then closes the connections (unless the
     * pool came as a {@code HikariDataSource}, which its owner closes).
     *
     * @return fires once the connections are closed; the same Deferred on every call
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        super.stopService();
        Deferred<@Nullable Void> done = closed;
        if (done == null) {
            done = new Deferred<>();
            closed = done;
            if (state == State.NEW) {
                failWaiting();
            }
            state = State.STOPPING;
            closeIfIdle();
        }
        Deferred<@Nullable Void> result = new Deferred<>();
        done.addBoth(outcome -> {
            result.callback(null);
            return outcome;
        });
        return result;
    }

    private HikariConfig hikariConfig() {
        HikariConfig config = new HikariConfig();
        DataSource source = settings.dataSource;
        if (source == null) {
            String url = settings.url != null ? settings.url : settings.embeddedUrl();
            source = new DriverDataSource(url, null, settings.properties, settings.user, settings.password);
        }
        config.setDataSource(new OpeningDataSource(source, settings.openFun, settings.noisy, description));
        config.setMinimumIdle(Math.min(settings.min, settings.max));
        config.setMaximumPoolSize(settings.max);
        config.setConnectionTimeout(settings.connectTimeout.toMillis());
        config.setInitializationFailTimeout(-1); // a database down at start fails calls, not the service
        if (settings.goodSql != null) {
            config.setConnectionTestQuery(settings.goodSql);
        }
        config.setPoolName("adbapi " + description);
        return config;
    }

    private <T extends @Nullable Object> Job<T> newJob(Job.Work<T> work) {
        return new Job<>(work, this::cancel);
    }

    private <T extends @Nullable Object> Deferred<T> submit(Job.Work<T> work) {
        return enqueue(newJob(work));
    }

    private <T extends @Nullable Object> Deferred<T> enqueue(Job<T> job) {
        if (state == State.STOPPING || state == State.STOPPED) {
            job.deferred.errback(new PoolClosedError("the connection pool to " + description + " is closed"));
        } else if (state == State.RUNNING && inFlight < concurrency) {
            handOut(job);
        } else if (waiting() < settings.waitQueue) {
            if (state == State.RUNNING && inFlight < 2 * concurrency) {
                handOut(job);
            } else {
                waiting.add(job);
            }
        } else {
            job.deferred.errback(new PoolExhaustedError("connection pool exhausted: all " + concurrency
                    + " connections to " + description + " are busy and " + waiting()
                    + " calls are already waiting (waitQueue " + settings.waitQueue + ")"));
        }
        return job.deferred;
    }

    /** Gives a job to the threads, starting one if fewer run than there are calls for them. */
    private void handOut(Job<?> job) {
        job.started = true;
        inFlight++;
        handedOut.add(job);
        startWorkers();
    }

    private void startWorkers() {
        while (workers < Math.min(concurrency, inFlight)) {
            workers++;
            VIRTUAL_THREADS.execute(this::work);
        }
    }

    /** Runs handed-out jobs until none is left, then tells the reactor thread it has stopped. Pool thread. */
    private void work() {
        for (Job<?> job = handedOut.poll(); job != null; job = handedOut.poll()) {
            runOne(job);
        }
        threads.callFromThread(this::workerStopped);
    }

    private <T extends @Nullable Object> void runOne(Job<T> job) {
        try {
            T value = call(job);
            threads.callFromThread(() -> finished(job, value, null));
        } catch (Throwable error) {
            threads.callFromThread(() -> finished(job, null, error));
        }
    }

    private void workerStopped() {
        workers--;
        startWorkers();
    }

    /** Runs a job's work with a connection from the pool. Pool thread. */
    private <T extends @Nullable Object> T call(Job<T> job) throws Exception {
        if (job.cancelled()) {
            throw new CancelledError("cancelled before it started");
        }
        HikariDataSource source = java.util.Objects.requireNonNull(hikari);
        try (Connection connection = source.getConnection()) {
            if (job.cancelled()) {
                throw new CancelledError("cancelled while waiting for a connection");
            }
            try {
                return job.work.run(job, connection);
            } catch (Throwable error) {
                if (settings.reconnect && !job.cancelled() && !isGood(connection)) {
                    source.evictConnection(connection);
                    if (settings.noisy) {
                        LOG.info("adbapi connection lost, replacing it: {database}", "database", description);
                    }
                    throw new ConnectionLost("the connection to " + description + " was lost", error);
                }
                throw error;
            }
        }
    }

    /** Whether a connection still works: {@code cp_good_sql} runs, or the driver says it is valid. Pool thread. */
    private boolean isGood(Connection connection) {
        try {
            String goodSql = settings.goodSql;
            if (goodSql == null) {
                return connection.isValid(Math.max(1, (int) settings.connectTimeout.toSeconds()));
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(goodSql);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return true;
        } catch (SQLException | RuntimeException broken) {
            return false;
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) throws SQLException {
        if (!connection.isClosed() && connection.getAutoCommit() != autoCommit) {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Fires a job's Deferred with its outcome ({@code error} if not null) and hands out the next. */
    private <T extends @Nullable Object> void finished(Job<T> job, @Nullable T value, @Nullable Throwable error) {
        inFlight--;
        if (!job.deferred.isCalled()) {
            if (error == null) {
                job.deferred.callback(value);
            } else {
                job.deferred.errback(error);
            }
        }
        dispatch();
        closeIfIdle();
    }

    private void dispatch() {
        while (state != State.NEW && state != State.STOPPED && inFlight < 2 * concurrency && !waiting.isEmpty()) {
            handOut(waiting.poll());
        }
    }

    private <T extends @Nullable Object> void cancel(Job<T> job) {
        if (!job.started) {
            waiting.remove(job);
            job.markCancelled();
            return;
        }
        job.markCancelled();
        if (handedOut.remove(job)) {
            inFlight--;
            dispatch();
            closeIfIdle();
            return;
        }
        threads.callInThread(job::cancelRunning);
    }

    private void failWaiting() {
        Job<?> job;
        while ((job = waiting.poll()) != null) {
            job.deferred.errback(new PoolClosedError("the connection pool to " + description + " closed before it started"));
        }
    }

    private void closeIfIdle() {
        Deferred<@Nullable Void> done = closed;
        if (state != State.STOPPING || inFlight > 0 || !waiting.isEmpty() || done == null) {
            return;
        }
        state = State.STOPPED;
        HikariDataSource source = hikari;
        if (source == null || !ownsHikari) {
            done.callback(null);
            return;
        }
        threads.deferToThread(() -> {
            source.close();
            return null;
        }).addBoth(outcome -> {
            done.callback(null);
            return null;
        });
    }

    @Override
    public String toString() {
        return "ConnectionPool(" + description + ", " + running() + " running, " + waiting() + " waiting)";
    }
}
