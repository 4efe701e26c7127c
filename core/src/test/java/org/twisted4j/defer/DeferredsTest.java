package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.NONE;
import static org.twisted4j.defer.Outcomes.failureOf;
import static org.twisted4j.defer.Outcomes.outcomeOf;
import static org.twisted4j.defer.Outcomes.valueOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeferredsTest {
    /** Stands in for a reactor's callFromThread: keeps tasks until the test thread runs them. */
    private static final class QueuedExecutor implements Executor {
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int queued() {
            return tasks.size();
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    private final QueuedExecutor reactorThread = new QueuedExecutor();

    @Test
    void futureCompletesWithTheDeferredsValueAndTheChainGoesOnWithNull() {
        Deferred<Integer> d = new Deferred<>();
        CompletableFuture<Integer> future = Deferreds.toCompletableFuture(d);
        assertThat(future).isNotDone();

        d.callback(13);
        assertThat(future).isCompletedWithValue(13);
        assertThat(outcomeOf(d).get()).isNull();
    }

    @Test
    void futureCompletesExceptionallyWithTheFailuresThrowableAndTheChainGoesOnWithNull() {
        Deferred<Integer> d = new Deferred<>();
        CompletableFuture<Integer> future = Deferreds.toCompletableFuture(d);
        IOException boom = new IOException("boom");

        d.errback(boom);
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThat(outcomeOf(d).get()).isNull();
    }

    @Test
    void futureOfAFiredDeferredIsAlreadyComplete() {
        assertThat(Deferreds.toCompletableFuture(Deferred.succeed("ready"))).isCompletedWithValue("ready");
    }

    @Test
    void cancellingTheFutureCancelsTheDeferredThroughTheExecutor() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> d = new Deferred<>(self -> cancelled.add("cancelled"));
        CompletableFuture<String> future = Deferreds.toCompletableFuture(d, reactorThread);

        future.cancel(false);
        assertThat(cancelled).isEmpty();
        assertThat(reactorThread.queued()).isEqualTo(1);
        reactorThread.runAll();

        assertThat(cancelled).containsExactly("cancelled");
        assertThat(future).isCancelled();
        assertThat(outcomeOf(d).get()).isNull();
    }

    @Test
    void cancellingTheFutureIgnoresACancellerThatCallsBack() {
        Deferred<Integer> d = Outcomes.cancelledWith(9);
        CompletableFuture<Integer> future = Deferreds.toCompletableFuture(d);
        future.cancel(false);

        assertThat(future).isCancelled();
        assertThat(outcomeOf(d).get()).isNull();
    }

    @Test
    void deferredFiresWithTheStagesValueOnlyThroughTheExecutor() {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        Deferred<Integer> d = Deferreds.fromCompletionStage(future, reactorThread);
        future.complete(7);
        assertThat(d.isCalled()).isFalse();

        reactorThread.runAll();
        assertThat(valueOf(d)).isEqualTo(7);
    }

    @Test
    void deferredOfACompletedStageStillFiresThroughTheExecutor() {
        Deferred<String> d = Deferreds.fromCompletionStage(CompletableFuture.completedFuture("done"), reactorThread);
        assertThat(d.isCalled()).isFalse();
        reactorThread.runAll();
        assertThat(valueOf(d)).isEqualTo("done");
    }

    @Test
    void deferredFailsWithTheStagesExceptionUnwrapped() {
        IOException boom = new IOException("boom");
        CompletableFuture<String> source = new CompletableFuture<>();
        Deferred<String> dependent = Deferreds.fromCompletionStage(source.thenApply(s -> s), reactorThread);
        Deferred<String> wrapped = Deferreds.fromCompletionStage(
                CompletableFuture.failedFuture(new CompletionException(new ExecutionException(boom))), reactorThread);
        source.completeExceptionally(boom);
        reactorThread.runAll();

        assertThat(failureOf(dependent)).isSameAs(boom);
        assertThat(failureOf(wrapped)).isSameAs(boom);
    }

    @Test
    void cancellingTheDeferredCancelsTheFutureAndFailsWithCancelledError() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferreds.fromCompletionStage(future, reactorThread);
        d.cancel();

        assertThat(future).isCancelled();
        assertThat(failureOf(d)).isInstanceOf(CancelledError.class);
        reactorThread.runAll(); // the future's own completion arrives late and is dropped
    }

    @Test
    void cancellingTheDeferredFailsWithCancelledErrorEvenWithADirectExecutor() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferreds.fromCompletionStage(future, Runnable::run);
        d.cancel();
        assertThat(future).isCancelled();
        assertThat(failureOf(d)).isInstanceOf(CancelledError.class);
    }

    @Test
    void stageCancelledElsewhereFailsTheDeferredWithItsCancellationException() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferreds.fromCompletionStage(future, reactorThread);
        future.cancel(false);
        reactorThread.runAll();
        assertThat(failureOf(d)).isInstanceOf(CancellationException.class);
    }

    @Test
    void stageCompletedOnAnotherThreadFiresTheDeferredOnTheExecutorsThread() throws InterruptedException {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferreds.fromCompletionStage(future, reactorThread);
        AtomicReference<Thread> firedOn = new AtomicReference<>();
        AtomicReference<Object> outcome = outcomeOf(d.addCallback(value -> {
            firedOn.set(Thread.currentThread());
            return value;
        }));

        Thread other = new Thread(() -> future.complete("from elsewhere"));
        other.start();
        other.join();
        assertThat(outcome.get()).isEqualTo(NONE);
        assertThat(reactorThread.queued()).isEqualTo(1);

        reactorThread.runAll();
        assertThat(outcome.get()).isEqualTo("from elsewhere");
        assertThat(firedOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void nullResultsCrossBothWays() {
        Deferred<String> fromNull = Deferreds.fromCompletionStage(CompletableFuture.completedFuture(null), Runnable::run);
        assertThat(outcomeOf(fromNull).get()).isNull();
        assertThat(Deferreds.toCompletableFuture(Deferred.<String>succeed(null))).isCompletedWithValue(null);
    }
}
