package org.twisted4j.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.MultiService;
import org.twisted4j.internet.NioReactor;

/** The pool's life with its reactor and as a service: it starts with the reactor and closes before it stops. */
class ConnectionPoolLifecycleTest {

    @TempDir
    Path directory;

    @Test
    void theReactorWaitsForCallsInFlightAndThenThePoolCloses() throws Exception {
        NioReactor reactor = new NioReactor();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<ConnectionPool> pool = new AtomicReference<>();
        AtomicReference<Object> outcome = new AtomicReference<>();
        reactor.callWhenRunning(() -> {
            ConnectionPool started = ConnectionPool.builder().embeddedDirectory(directory).build(reactor);
            pool.set(started);
            started.runWithConnection(connection -> {
                inside.countDown();
                release.await(60, TimeUnit.SECONDS);
                return "finished";
            }).addBoth(result -> {
                outcome.set(result);
                return null;
            });
        });
        Thread running = Thread.ofPlatform().name("reactor").start(reactor::run);
        assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
        reactor.stop();
        assertThat(outcome.get()).isNull();
        release.countDown();
        running.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(running.isAlive()).isFalse();
        assertThat(outcome.get()).isEqualTo("finished");
        assertThat(pool.get().hikari().isClosed()).isTrue();
        assertThat(pool.get().isRunning()).isFalse();
    }

    @Test
    void asAChildServiceItStartsAndStopsWithItsParent() throws Exception {
        NioReactor reactor = new NioReactor();
        AtomicReference<Object> answer = new AtomicReference<>();
        AtomicReference<ConnectionPool> pool = new AtomicReference<>();
        reactor.callWhenRunning(() -> {
            MultiService parent = new MultiService();
            ConnectionPool child = ConnectionPool.builder().embeddedDirectory(directory).startWithReactor(false)
                    .build(reactor);
            pool.set(child);
            child.setServiceParent(parent);
            assertThat(child.isRunning()).isFalse();
            parent.startService();
            child.runQuery("SELECT 5").addCallbackDeferred(rows -> {
                answer.set(rows.get(0).getInt(0));
                return parent.stopService();
            }).addBoth(done -> {
                reactor.stop();
                return null;
            });
        });
        reactor.run();
        assertThat(answer.get()).isEqualTo(5);
        assertThat(pool.get().hikari().isClosed()).isTrue();
    }
}
