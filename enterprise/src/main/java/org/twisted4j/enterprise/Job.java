package org.twisted4j.enterprise;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * One call on the pool: the Deferred its caller holds, the work to run with a connection, and the statement
 * it is running now, which cancelling the Deferred cancels. Created and finished on the reactor thread; the
 * work and {@link #track} run on a pool thread; {@link #cancelRunning} runs on a thread of its own.
 */
final class Job<T extends @Nullable Object> {

    /** The work of a call, given its job (to register statements) and a borrowed connection. */
    @FunctionalInterface
    interface Work<T extends @Nullable Object> {
        T run(Job<T> job, java.sql.Connection connection) throws Exception;
    }

    /** How often, and how far apart, a cancel is repeated while the statement has not ended. */
    private static final int CANCEL_ATTEMPTS = 100;
    private static final long CANCEL_RETRY_MILLIS = 100;

    final Deferred<T> deferred;
    final Work<T> work;
    private final AtomicReference<@Nullable Statement> statement = new AtomicReference<>();
    private volatile boolean cancelled;
    /** Runs first when the job is cancelled while running (a stream unblocks its reader with it). */
    volatile @Nullable Runnable onCancel;
    /** Reactor thread only: whether it has been handed to a thread. */
    boolean started;

    Job(Work<T> work, java.util.function.Consumer<Job<T>> canceller) {
        this.deferred = new Deferred<>(d -> canceller.accept(this));
        this.work = work;
    }

    /**
     * Registers the statement about to run, so that cancelling cancels it. Pool thread.
     *
     * @throws SQLException if the call was cancelled before the statement could start
     */
    <S extends Statement> S track(S running) throws SQLException {
        statement.set(running);
        if (cancelled) {
            running.close();
            throw new SQLException("the call was cancelled");
        }
        return running;
    }

    /** Forgets the statement that has finished. Pool thread. */
    void untrack(Statement finished) {
        statement.compareAndSet(finished, null);
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Marks the job cancelled and cancels its running statement, if any. Any thread but the reactor's: it may block. */
    void cancelRunning() {
        cancelled = true;
        Runnable hook = onCancel;
        if (hook != null) {
            hook.run();
        }
        // A statement that has not reached the database yet ignores a cancel: repeat it until the statement ends.
        for (int attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
            Statement running = statement.get();
            if (running == null) {
                return;
            }
            try {
                running.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // The statement finished or the connection died meanwhile: nothing is left to cancel.
            }
            try {
                Thread.sleep(CANCEL_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void markCancelled() {
        cancelled = true;
    }
}
