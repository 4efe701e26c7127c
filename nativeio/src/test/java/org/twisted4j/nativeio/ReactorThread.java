package org.twisted4j.nativeio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorBackend;

/**
 * A reactor run on a platform thread of its own for one test: {@link #start} returns once it runs, {@link #stop}
 * (from the test's {@code @AfterEach}) stops it from its thread and waits for the thread to end.
 */
final class ReactorThread {
    private final ReactorBackend reactor;
    private final Thread thread;
    private final long timeoutSeconds;

    private ReactorThread(ReactorBackend reactor, long timeoutSeconds) throws Exception {
        this.reactor = reactor;
        this.timeoutSeconds = timeoutSeconds;
        CompletableFuture<Void> running = new CompletableFuture<>();
        reactor.callWhenRunning(() -> running.complete(null));
        thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        running.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** Runs {@code reactor} on a new thread and waits, at most {@code timeoutSeconds}, until it runs. */
    static ReactorThread start(ReactorBackend reactor, long timeoutSeconds) throws Exception {
        return new ReactorThread(reactor, timeoutSeconds);
    }

    /** Stops the reactor of {@code running}, if a test started one, and waits for its thread. */
    static void stop(@Nullable ReactorThread running) throws InterruptedException {
        if (running != null) {
            running.reactor.callFromThread(running.reactor::stop);
            running.thread.join(TimeUnit.SECONDS.toMillis(running.timeoutSeconds));
        }
    }
}
