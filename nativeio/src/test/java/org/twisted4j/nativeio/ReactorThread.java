package org.twisted4j.nativeio;

import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorBackend;

/**
 * A reactor run on a platform thread of its own for one test: a test class registers one
 * ({@code @RegisterExtension final ReactorThread running = new ReactorThread(T);}), {@link #start} returns once
 * the reactor runs, and after each test the reactor is stopped from its thread and its thread waited for.
 * {@link #serve} is the preamble of a test that watches one server connection: a backend run, one protocol served
 * on a loopback port, and a plain socket connected to it.
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

    /**
     * Runs the backend named {@code backend} (skipping the test where it cannot run here), serves {@code server} on
     * a loopback TCP port, and returns a plain socket connected to it, whose reads time out after this helper's
     * timeout. The caller closes the socket.
     */
    Socket serve(String backend, Protocol server) throws Exception {
        ReactorBackend started = start(Backends.require(backend));
        ListeningPort port = started.blockingCallFromThread(
                () -> started.listenTCP(0, Factory.forProtocol(() -> server), 50, "127.0.0.1"));
        Socket socket = new Socket("127.0.0.1", ((IPv4Address) port.getHost()).port());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
        return socket;
    }

    /** Returns the reactor {@link #start} or {@link #serve} started. */
    ReactorBackend reactor() {
        return Objects.requireNonNull(reactor, "no reactor started");
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
