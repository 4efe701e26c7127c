package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorNotRunning;
import org.twisted4j.internet.Reactors;

/**
 * A real reactor on its own thread for one test; {@link #close()} stops it. It is core's {@link NioReactor}
 * unless the system property {@value #BACKEND_PROPERTY} names another backend (as the native reactors' build does
 * to run these tests on each of them); where that backend cannot run here, the test is skipped with the reason.
 */
final class LiveReactor {
    /** How long a test waits for anything before it fails: generous, since CPUs are shared. */
    static final long TIMEOUT_SECONDS = 120;

    /** The system property naming the reactor backend the tests run on. */
    static final String BACKEND_PROPERTY = "twisted4j.test.reactor";

    final ReactorBackend reactor = backend();
    private final Thread thread;

    private static ReactorBackend backend() {
        String name = System.getProperty(BACKEND_PROPERTY, Reactors.NIO);
        try {
            return Reactors.require(name);
        } catch (UnsupportedOperationException e) {
            return Assumptions.abort("skipped: the " + name + " reactor cannot run here: " + e.getMessage());
        }
    }

    LiveReactor() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        reactor.callWhenRunning(() -> started.complete(null));
        thread = Thread.ofPlatform().name("tls-test-reactor").start(reactor::run);
        started.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Runs {@code call} on the reactor thread and returns what it returned. */
    <T> T call(Callable<?> call) throws Exception {
        return reactor.blockingCallFromThread(call);
    }

    static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void close() throws InterruptedException {
        if (reactor.isRunning()) {
            try {
                reactor.stop();
            } catch (ReactorNotRunning alreadyStopping) {
                // stopped by the test
            }
        }
        thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(thread.isAlive()).as("the reactor thread ended").isFalse();
    }
}
