package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorNotRunning;

/** A real {@link NioReactor} on its own thread for one test; {@link #close()} stops it. */
final class LiveReactor {
    /** How long a test waits for anything before it fails: generous, since CPUs are shared. */
    static final long TIMEOUT_SECONDS = 120;

    final NioReactor reactor = new NioReactor();
    private final Thread thread;

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
