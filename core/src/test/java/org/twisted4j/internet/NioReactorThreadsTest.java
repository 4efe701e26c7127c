package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

class NioReactorThreadsTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    @Test
    void callFromThreadFromEightThreadsDeliversEveryCallInOrderPerThread() throws Exception {
        int threads = 8;
        int callsEach = 20_000;
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>()); // touched only on the reactor thread
        }
        CountDownLatch allDelivered = new CountDownLatch(threads * callsEach);
        Thread reactorThread = running.thread;
        boolean[] wrongThread = {false};
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int caller = t;
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < callsEach; i++) {
                    int n = i;
                    running.reactor.callFromThread(() -> {
                        wrongThread[0] |= Thread.currentThread() != reactorThread;
                        seen.get(caller).add(n);
                        allDelivered.countDown();
                    });
                }
            }));
        }
        go.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(allDelivered.await(T, TimeUnit.SECONDS)).isTrue();
        running.run(() -> {
            assertThat(wrongThread[0]).isFalse();
            for (List<Integer> calls : seen) {
                assertThat(calls).hasSize(callsEach);
                for (int i = 0; i < callsEach; i++) {
                    assertThat(calls.get(i)).isEqualTo(i);
                }
            }
        });
    }

    @Test
    void deferToThreadDeliversTheResultOnTheReactorThread() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        running.run(() -> running.reactor.deferToThread(() -> {
            assertThat(Thread.currentThread()).isNotSameAs(running.thread);
            return "computed on " + (Thread.currentThread().isVirtual() ? "a virtual thread" : "?");
        }).addCallback(result -> {
            if (Thread.currentThread() == running.thread) {
                outcome.complete(result);
            } else {
                outcome.completeExceptionally(new AssertionError("delivered on " + Thread.currentThread()));
            }
            return null;
        }));
        assertThat(outcome.get(T, TimeUnit.SECONDS)).isEqualTo("computed on a virtual thread");
    }

    @Test
    void deferToThreadDeliversTheExceptionAsAFailure() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        running.run(() -> running.reactor.<String>deferToThread(() -> {
            throw new IOException("disk on fire");
        }).addErrback(failure -> {
            outcome.complete(Thread.currentThread() == running.thread ? failure.value()
                    : new AssertionError("delivered on " + Thread.currentThread()));
            return "handled";
        }));
        assertThat(outcome.get(T, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessage("disk on fire");
    }

    @Test
    void deferToThreadPoolRunsTheWorkOnTheGivenPoolAndDeliversOnTheReactorThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(work -> new Thread(work, "bounded-pool"));
        try {
            String outcome = running.call(() -> running.reactor.deferToThreadPool(pool, () -> Thread.currentThread().getName())
                    .addCallback(ranOn -> ranOn + ", delivered on the reactor: " + running.reactor.isInReactorThread()));
            assertThat(outcome).isEqualTo("bounded-pool, delivered on the reactor: true");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deferToThreadPoolThatRefusesTheWorkFailsAtOnce() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        Throwable refused = running.call(() -> running.reactor.deferToThreadPool(pool, () -> "never")
                .addCallbacks(value -> null, failure -> failure.value()));
        assertThat(refused).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void blockingCallFromThreadWaitsForADeferredResult() throws Exception {
        String result = running.reactor.blockingCallFromThread(() -> {
            Deferred<String> later = new Deferred<>();
            running.reactor.callLater(0.01, () -> later.callback("later"));
            return later;
        });
        assertThat(result).isEqualTo("later");
    }

    @Test
    void blockingCallFromThreadRethrowsWhatTheCallThrewOrTheDeferredFailedWith() {
        assertThatThrownBy(() -> running.reactor.blockingCallFromThread(() -> {
            throw new IOException("thrown");
        })).isInstanceOf(IOException.class).hasMessage("thrown");
        assertThatThrownBy(() -> running.reactor.blockingCallFromThread(
                () -> Deferred.fail(new Failure(new IllegalStateException("failed")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("failed");
    }

    @Test
    void blockingCallFromThreadOnTheReactorThreadIsRefused() throws Exception {
        Throwable refused = running.call(() -> {
            try {
                running.reactor.blockingCallFromThread(() -> "never");
                return null;
            } catch (IllegalStateException expected) {
                return expected;
            }
        });
        assertThat(refused).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void coroutineDrivenByTheReactorThreadMayUseReactorThreadMethods() throws Exception {
        String outcome = running.call(() -> Coroutine.start(() -> {
            assertThat(running.reactor.isInReactorThread()).isTrue();
            Deferred<String> later = new Deferred<>();
            running.reactor.callLater(0, () -> later.callback("scheduled from a coroutine"));
            return Coroutine.await(later);
        }));
        assertThat(outcome).isEqualTo("scheduled from a coroutine");
    }

    @Test
    void reactorThreadMethodsFromAnotherThreadAreRefused() {
        assertThat(running.reactor.isInReactorThread()).isFalse();
        assertThatThrownBy(() -> running.reactor.callLater(1, () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callFromThread");
    }

    @Test
    void callInThreadRunsOffTheReactorThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        running.run(() -> running.reactor.callInThread(() -> ranOn.complete(Thread.currentThread())));
        assertThat(ranOn.get(T, TimeUnit.SECONDS)).isNotSameAs(running.thread);
    }

    @Test
    void blockingCallFromThreadAfterStopIsReactorNotRunning() throws Exception {
        running.close();
        assertThatThrownBy(() -> running.reactor.blockingCallFromThread(() -> "never"))
                .isInstanceOf(ReactorNotRunning.class);
    }
}
