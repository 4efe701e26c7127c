package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorCore.Phase;

class NioReactorCoreTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    private RunningReactor<ReactorBackend> running;

    @AfterEach
    void stopReactor() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void stopWhenNotRunningIsReactorNotRunning() {
        NioReactor reactor = new NioReactor();
        assertThatThrownBy(reactor::stop).isInstanceOf(ReactorNotRunning.class);
    }

    @Test
    void runWhileRunningIsReactorAlreadyRunning() throws Exception {
        running = RunningReactor.backend();
        assertThatThrownBy(running.reactor::run).isInstanceOf(ReactorAlreadyRunning.class);
        assertThat(running.reactor.isRunning()).isTrue();
    }

    @Test
    void aReactorCannotRunTwice() throws Exception {
        running = RunningReactor.backend();
        running.reactor.stop();
        running.thread.join(TimeUnit.SECONDS.toMillis(T));
        assertThat(running.reactor.isRunning()).isFalse();
        assertThatThrownBy(running.reactor::run).isInstanceOf(ReactorAlreadyRunning.class)
                .hasMessageContaining("cannot be restarted");
        assertThatThrownBy(running.reactor::stop).isInstanceOf(ReactorNotRunning.class);
    }

    @Test
    void stoppingTwiceIsReactorNotRunning() throws Exception {
        running = RunningReactor.backend();
        Deferred<Void> hold = new Deferred<>();
        running.run(() -> running.reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, () -> hold));
        running.reactor.stop();
        assertThatThrownBy(running.reactor::stop).isInstanceOf(ReactorNotRunning.class);
        running.reactor.callFromThread(() -> hold.callback(null));
    }

    @Test
    void callWhenRunningRunsAfterStartupTriggersOnTheReactorThread() throws Exception {
        NioReactor reactor = new NioReactor();
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        reactor.callWhenRunning(() -> {
            order.add("whenRunning");
            ranOn.complete(Thread.currentThread());
            reactor.stop();
        });
        reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.STARTUP, () -> order.add("before"));
        reactor.addSystemEventTrigger(Phase.DURING, ReactorCore.STARTUP, () -> order.add("during"));
        reactor.addSystemEventTrigger(Phase.AFTER, ReactorCore.SHUTDOWN, () -> order.add("afterShutdown"));
        Thread thread = Thread.ofPlatform().start(reactor::run);
        thread.join(TimeUnit.SECONDS.toMillis(T));
        assertThat(thread.isAlive()).isFalse();
        assertThat(ranOn.join()).isSameAs(thread);
        assertThat(order).containsExactly("before", "during", "whenRunning", "afterShutdown");
    }

    @Test
    void beforeShutdownTriggerReturningDeferredDelaysShutdownUntilItFires() throws Exception {
        running = RunningReactor.backend();
        Deferred<String> finishing = new Deferred<>();
        CountDownLatch beforeRan = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        running.run(() -> {
            running.reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, () -> {
                order.add("before");
                beforeRan.countDown();
                return finishing;
            });
            running.reactor.addSystemEventTrigger(Phase.DURING, ReactorCore.SHUTDOWN, () -> order.add("during"));
            running.reactor.addSystemEventTrigger(Phase.AFTER, ReactorCore.SHUTDOWN, () -> order.add("after"));
        });
        running.reactor.stop();
        assertThat(beforeRan.await(T, TimeUnit.SECONDS)).isTrue();
        // The reactor still takes calls: shutdown waits for the Deferred.
        List<String> seen = running.call(() -> List.copyOf(order));
        assertThat(seen).containsExactly("before");
        assertThat(running.reactor.isRunning()).isTrue();
        running.run(() -> finishing.callback("done"));
        running.thread.join(TimeUnit.SECONDS.toMillis(T));
        assertThat(running.thread.isAlive()).isFalse();
        assertThat(order).containsExactly("before", "during", "after");
    }

    @Test
    void removedTriggerDoesNotRun() throws Exception {
        running = RunningReactor.backend();
        List<String> order = new CopyOnWriteArrayList<>();
        running.run(() -> {
            ReactorCore.TriggerId id = running.reactor.addSystemEventTrigger(Phase.DURING, "custom",
                    () -> order.add("removed"));
            running.reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> order.add("kept"));
            running.reactor.removeSystemEventTrigger(id);
            assertThatThrownBy(() -> running.reactor.removeSystemEventTrigger(id))
                    .isInstanceOf(IllegalArgumentException.class);
            running.reactor.fireSystemEvent("custom");
        });
        assertThat(order).containsExactly("kept");
    }

    @Test
    void delayedCallsRunInTimeOrderAfterTheirDelay() throws Exception {
        running = RunningReactor.backend();
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        double[] times = new double[2];
        running.run(() -> {
            ReactorBackend reactor = running.reactor;
            times[0] = reactor.seconds();
            reactor.callLater(0.05, () -> {
                order.add("second");
                times[1] = reactor.seconds();
                done.countDown();
            });
            reactor.callLater(0.01, () -> order.add("first"));
            reactor.callLater(0.02, () -> order.add("cancelled")).cancel();
        });
        assertThat(done.await(T, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "second");
        assertThat(times[1] - times[0]).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void delayedCallThatThrowsIsLoggedAndTheReactorGoesOn() throws Exception {
        running = RunningReactor.backend();
        CountDownLatch after = new CountDownLatch(1);
        running.run(() -> {
            running.reactor.callLater(0, () -> {
                throw new IllegalStateException("expected by the test");
            });
            running.reactor.callLater(0.001, after::countDown);
        });
        assertThat(after.await(T, TimeUnit.SECONDS)).isTrue();
        assertThat(running.reactor.isRunning()).isTrue();
    }

    @Test
    void reactorMethodsRefuseOtherThreadsWhileRunning() throws Exception {
        running = RunningReactor.backend();
        assertThatThrownBy(() -> running.reactor.callLater(1, () -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("callFromThread");
    }
}
