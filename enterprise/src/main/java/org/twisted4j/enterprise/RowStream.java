package org.twisted4j.enterprise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorThreads;

/**
 * One streaming query: a pool thread reads rows in batches and sends each to the reactor thread only with a
 * credit, of which there are {@value #WINDOW}; the reactor thread returns a credit each time the consumer has
 * taken a batch, and holds the batches back while the consumer has paused. So at most {@code WINDOW + 1}
 * batches exist at any time, whatever the size of the result, and the database cursor is read no faster than
 * the consumer takes rows.
 */
final class RowStream implements PushProducer {
    /** How many batches may be on their way to, or waiting for, the consumer. */
    static final int WINDOW = 2;

    private final ReactorThreads threads;
    private final RowConsumer consumer;
    private final int batchSize;
    private final Semaphore credits = new Semaphore(WINDOW);
    private volatile boolean stopped;
    // Reactor thread only:
    private final ArrayDeque<List<Row>> pending = new ArrayDeque<>();
    private boolean paused;
    private @Nullable Job<Long> job;
    private @Nullable Runnable abortRunning;

    RowStream(ReactorThreads threads, RowConsumer consumer, int batchSize) {
        this.threads = threads;
        this.consumer = consumer;
        this.batchSize = batchSize;
    }

    void attach(Job<Long> job, Runnable abortRunning) {
        this.job = job;
        this.abortRunning = abortRunning;
    }

    /** Runs the query and sends its rows; returns how many, once the consumer has taken them all. Pool thread. */
    long read(Job<Long> running, Connection connection, int timeoutSeconds, String sql, @Nullable Object[] args)
            throws Exception {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL reads with a cursor, by fetch size, only in a transaction
        try (PreparedStatement statement = running.track(
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY))) {
            try {
                statement.setQueryTimeout(timeoutSeconds);
                statement.setFetchSize(batchSize);
                Parameters.bind(statement, args);
                long total = 0;
                try (ResultSet results = statement.executeQuery()) {
                    Columns columns = Columns.of(results.getMetaData());
                    List<Row> batch = new ArrayList<>(batchSize);
                    while (results.next()) {
                        batch.add(Row.read(columns, results));
                        if (batch.size() == batchSize) {
                            send(batch);
                            total += batch.size();
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                    if (!batch.isEmpty()) {
                        send(batch);
                        total += batch.size();
                    }
                }
                credits.acquire(WINDOW); // every batch taken by the consumer
                checkStopped();
                connection.commit();
                return total;
            } finally {
                running.untrack(statement);
            }
        } catch (Throwable error) {
            try {
                connection.rollback();
            } catch (SQLException | RuntimeException rollbackFailed) {
                error.addSuppressed(rollbackFailed);
            }
            throw error;
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private void send(List<Row> batch) throws InterruptedException {
        checkStopped();
        credits.acquire();
        checkStopped();
        threads.callFromThread(() -> arrived(batch));
    }

    private void checkStopped() {
        if (stopped) {
            throw new CancelledError("the row stream was stopped");
        }
    }

    /** Stops the reader, waking it if it waits for a credit. Any thread. */
    void stopReading() {
        stopped = true;
        credits.release(WINDOW + 1);
    }

    private void arrived(List<Row> batch) {
        if (stopped) {
            return;
        }
        pending.add(batch);
        drain();
    }

    private void drain() {
        while (!paused && !stopped && !pending.isEmpty()) {
            List<Row> batch = pending.poll();
            try {
                consumer.rowsReceived(batch);
            } catch (Throwable error) {
                fail(error);
                return;
            }
            credits.release();
        }
    }

    private void fail(Throwable error) {
        stopped = true;
        pending.clear();
        Objects.requireNonNull(abortRunning).run();
        Job<Long> current = Objects.requireNonNull(job);
        if (!current.deferred.isCalled()) {
            current.deferred.errback(error);
        }
    }

    /** Holds back further batches until {@link #resumeProducing}. */
    @Override
    public void pauseProducing() {
        paused = true;
    }

    /** Delivers the batches held back, and lets the reader go on. */
    @Override
    public void resumeProducing() {
        paused = false;
        drain();
    }

    /** Ends the stream: cancels the query; the stream's Deferred fails with {@link CancelledError}. */
    @Override
    public void stopProducing() {
        stopped = true;
        pending.clear();
        Objects.requireNonNull(job).deferred.cancel();
    }
}
