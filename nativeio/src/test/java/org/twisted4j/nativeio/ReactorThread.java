package org.twisted4j.nativeio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.twisted4j.internet.ReactorBackend;

/**
 * A reactor run on a platform thread of its own for one test: a test class registers one
 * ({@code @RegisterExtension final ReactorThread running = new ReactorThread(T);}), {@link #start} returns once
 * the reactor runs, and after each test the reactor is stopped from its thread and its thread waited for.
 */
final class ReactorThread implements AfterEachCallback {
    private final long timeoutSeconds;
    private @Nullable ReactorBackend reactor;
    private @Nullable Thread thread;

    /** Makes the helper; {@code timeoutSeconds} bounds the wait for the reactor to start and to end. */
    ReactorThread(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs {@code backend} on a new thread and waits until it runs; returns it. */
    ReactorBackend start(ReactorBackend backend) throws Exception {
        CompletableFuture<Void> running = new CompletableFuture<>();
        backend.callWhenRunning(() -> running.complete(null));
        reactor = backend;
        thread = Thread.ofPlatform().name("reactor").start(backend::run);
        running.get(timeoutSeconds, TimeUnit.SECONDS);
        return backend;
    }

    /** Stops the reactor a test started, if any, and waits for its thread. */
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        ReactorBackend started = reactor;
        Thread running = thread;
        reactor = null;
        thread = null;
        if (started != null && running != null) {
            started.callFromThread(started::stop);
            running.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        }
    }
}
