package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A reactor running on its own thread for a test, reached with {@link #call}; {@link #close()} stops it and
 * waits for its thread to end. {@link #backend()} is the reactor backend under test, named by the system
 * property {@value #BACKEND_PROPERTY} ({@code nio} unless set), so that the native backends run these same
 * transport tests; {@link #nio()} is core's own reactor, for what only it has (file regions, adopted ports).
 *
 * @param <R> the reactor's type
 */
final class RunningReactor<R extends ReactorBackend> {
    /** How long a test waits for anything before it fails: generous, since CPUs are shared. */
    static final long TIMEOUT_SECONDS = 60;

    /** The system property naming the backend that {@link #backend()} runs. */
    static final String BACKEND_PROPERTY = "twisted4j.test.reactor";

    final R reactor;
    final Thread thread;
    final CompletableFuture<Void> started = new CompletableFuture<>();

    private RunningReactor(R reactor) {
        this.reactor = reactor;
        reactor.callWhenRunning(() -> started.complete(null));
        thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        started.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Runs core's {@link NioReactor}. */
    static RunningReactor<NioReactor> nio() {
        return new RunningReactor<>(new NioReactor());
    }

    /**
     * Runs the backend under test; where it cannot run here (io_uring refused by the kernel, say), the test is
     * skipped with a message saying why.
     */
    static RunningReactor<ReactorBackend> backend() {
        return new RunningReactor<>(newBackend());
    }

    /** Runs {@code reactor}, set up already (ports opened before it runs, say). */
    static RunningReactor<ReactorBackend> run(ReactorBackend reactor) {
        return new RunningReactor<>(reactor);
    }

    /**
     * Makes a reactor of the backend under test without running it; where it cannot run here, the test is
     * skipped with a message saying why.
     */
    static ReactorBackend newBackend() {
        String name = System.getProperty(BACKEND_PROPERTY, Reactors.NIO);
        try {
            return Reactors.require(name);
        } catch (UnsupportedOperationException e) {
            return Assumptions.abort("skipped: the " + name + " reactor cannot run here: " + e.getMessage());
        }
    }

    /** Runs {@code call} on the reactor's thread and returns its outcome (waiting for a Deferred). */
    <T> T call(Callable<?> call) throws Exception {
        return reactor.blockingCallFromThread(call);
    }

    /** Runs {@code action} on the reactor's thread and waits until it has run. */
    void run(ThrowingRunnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    void close() throws InterruptedException {
        if (reactor.isRunning()) {
            try {
                reactor.stop();
            } catch (ReactorNotRunning alreadyStopping) {
                // a test stopped it itself
            }
        }
        thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(thread.isAlive()).as("the reactor thread ended").isFalse();
    }
}
