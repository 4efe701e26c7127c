package org.twisted4j.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.NioReactor;

/** Where a TLS layer on a reactor's thread runs its engine's delegated tasks, and where their end comes back. */
class DelegatedTasksTest {

    @Test
    void offTheReactorThreadThereIsNoRunner() {
        assertThat(DelegatedTasks.ofCurrentReactor()).isNull();
    }

    @Test
    void onAReactorThreadTasksRunOnAnotherThreadAndTheirEndComesBack() throws Exception {
        NioReactor reactor = new NioReactor();
        Thread thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        CompletableFuture<Thread> taskThread = new CompletableFuture<>();
        CompletableFuture<Thread> doneThread = new CompletableFuture<>();
        try {
            reactor.callFromThread(() -> {
                DelegatedTasks runner = DelegatedTasks.ofCurrentReactor();
                assertThat(runner).isNotNull();
                runner.run(() -> taskThread.complete(Thread.currentThread()),
                        () -> doneThread.complete(Thread.currentThread()));
            });
            assertThat(taskThread.get(10, TimeUnit.SECONDS)).isNotSameAs(thread);
            assertThat(doneThread.get(10, TimeUnit.SECONDS)).isSameAs(thread);
        } finally {
            reactor.stop();
            thread.join(10_000);
        }
    }

    @Test
    void theEndComesBackEvenWhenATaskThrows() throws Exception {
        NioReactor reactor = new NioReactor();
        Thread thread = Thread.ofPlatform().name("reactor").start(reactor::run);
        CompletableFuture<Thread> doneThread = new CompletableFuture<>();
        try {
            reactor.callFromThread(() -> DelegatedTasks.ofCurrentReactor().run(() -> {
                throw new IllegalStateException("a failing task");
            }, () -> doneThread.complete(Thread.currentThread())));
            assertThat(doneThread.get(10, TimeUnit.SECONDS)).isSameAs(thread);
        } finally {
            reactor.stop();
            thread.join(10_000);
        }
    }
}
