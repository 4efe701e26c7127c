package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.failureOf;
import static org.twisted4j.defer.Outcomes.outcomeOf;
import static org.twisted4j.defer.Outcomes.valueOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeferredLockTest {
    private final DeferredLock lock = new DeferredLock();
    private final List<String> events = new ArrayList<>();

    private Deferred<DeferredLock> acquireAs(String name) {
        return lock.acquire().addCallback(l -> {
            events.add(name);
            return l;
        });
    }

    @Test
    void acquireOfAFreeLockFiresAtOnceWithTheLock() {
        assertThat(lock.locked()).isFalse();
        assertThat(valueOf(lock.acquire())).isSameAs(lock);
        assertThat(lock.locked()).isTrue();
    }

    @Test
    void waitersGetTheLockFirstComeFirstServed() {
        acquireAs("holder");
        acquireAs("first");
        acquireAs("second");
        acquireAs("third");
        assertThat(events).containsExactly("holder");
        assertThat(lock.waiting()).isEqualTo(3);

        lock.release();
        assertThat(events).containsExactly("holder", "first");
        lock.release();
        lock.release();
        assertThat(events).containsExactly("holder", "first", "second", "third");
        assertThat(lock.locked()).isTrue();
        lock.release();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void releaseHandsTheLockStraightToTheFirstWaiter() {
        lock.acquire();
        Deferred<DeferredLock> waiter = lock.acquire();
        lock.release();
        assertThat(waiter.isCalled()).isTrue();
        assertThat(lock.locked()).isTrue();
        assertThat(lock.waiting()).isZero();
    }

    @Test
    void releaseOfAnUnlockedLockThrows() {
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
        lock.acquire();
        lock.release();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelOfAWaitingAcquireTakesItOutOfTheQueue() {
        lock.acquire();
        Deferred<DeferredLock> cancelled = acquireAs("cancelled");
        acquireAs("next");
        cancelled.cancel();

        assertThat(failureOf(cancelled)).isInstanceOf(CancelledError.class);
        assertThat(lock.waiting()).isEqualTo(1);
        lock.release();
        assertThat(events).containsExactly("next");
    }

    @Test
    void cancelOfAnAcquireThatFiredKeepsTheLock() {
        Deferred<DeferredLock> acquired = lock.acquire();
        acquired.cancel();
        assertThat(valueOf(acquired)).isSameAs(lock);
        assertThat(lock.locked()).isTrue();
    }

    @Test
    void runCallsTheActionWithTheLockHeldAndReleasesAfterItsValue() {
        Deferred<Boolean> heldDuringAction = lock.run(lock::locked);
        assertThat(valueOf(heldDuringAction)).isTrue();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void runHoldsTheLockUntilTheDeferredTheActionReturnedFires() {
        Deferred<String> work = new Deferred<>();
        AtomicReference<Object> result = outcomeOf(lock.<String>runDeferred(() -> work).addCallback(String::length));
        assertThat(lock.locked()).isTrue();
        assertThat(result.get()).isEqualTo(Outcomes.NONE);

        work.callback("done");
        assertThat(lock.locked()).isFalse();
        assertThat(result.get()).isEqualTo(4);
    }

    @Test
    void runReleasesWhenTheActionThrows() {
        Deferred<String> result = lock.run(() -> {
            throw new IOException("action failed");
        });
        assertThat(failureOf(result)).hasMessage("action failed");
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void runReleasesWhenTheDeferredTheActionReturnedFails() {
        Deferred<String> work = new Deferred<>();
        Deferred<String> result = lock.runDeferred(() -> work);
        work.errback(new IOException("work failed"));
        assertThat(failureOf(result)).hasMessage("work failed");
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void runWaitsForTheLockAndRunsActionsInTheOrderGiven() {
        lock.acquire();
        Deferred<Boolean> first = lock.run(() -> events.add("first"));
        Deferred<Boolean> second = lock.run(() -> events.add("second"));
        assertThat(events).isEmpty();

        lock.release();
        assertThat(events).containsExactly("first", "second");
        assertThat(first.isCalled() && second.isCalled()).isTrue();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void cancelOfARunWaitingForTheLockNeverCallsTheAction() {
        lock.acquire();
        Deferred<Boolean> run = lock.run(() -> events.add("ran"));
        run.cancel();
        lock.release();

        assertThat(failureOf(run)).isInstanceOf(CancelledError.class);
        assertThat(events).isEmpty();
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void cancelOfARunningRunCancelsTheActionsDeferredAndReleases() {
        Deferred<String> work = new Deferred<>();
        Deferred<String> run = lock.runDeferred(() -> work);
        run.cancel();
        assertThat(work.isCalled()).isTrue();
        assertThat(failureOf(run)).isInstanceOf(CancelledError.class);
        assertThat(lock.locked()).isFalse();
    }
}
