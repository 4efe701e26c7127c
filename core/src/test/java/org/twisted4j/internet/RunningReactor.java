package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NioReactor} running on its own thread for a test, reached with {@link #call}; {@link #close()}
 * stops it and waits for its thread to end.
 */
final class RunningReactor {
    /** How long a test waits for anything before it fails: generous, since CPUs are shared. */
    static final long TIMEOUT_SECONDS = 60;

    final NioReactor reactor = new NioReactor();
    final Thread thread;
    final CompletableFuture<Void> started = new CompletableFuture<>();

    RunningReactor() {
        reactor.callWhenRunning(() -> started.complete(null));
        thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        started.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
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
