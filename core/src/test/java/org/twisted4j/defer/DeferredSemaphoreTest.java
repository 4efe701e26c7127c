package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.failureOf;
import static org.twisted4j.defer.Outcomes.valueOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredSemaphoreTest {
    private final List<String> events = new ArrayList<>();

    private void acquireAs(DeferredSemaphore semaphore, String name) {
        semaphore.acquire().addCallback(s -> events.add(name));
    }

    @Test
    void fewerThanOneTokenIsRefused() {
        assertThatThrownBy(() -> new DeferredSemaphore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeferredSemaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atMostLimitHoldersAtOnce() {
        DeferredSemaphore semaphore = new DeferredSemaphore(2);
        assertThat(semaphore.limit()).isEqualTo(2);
        acquireAs(semaphore, "a");
        acquireAs(semaphore, "b");
        assertThat(semaphore.tokens()).isZero();
        acquireAs(semaphore, "c");
        assertThat(events).containsExactly("a", "b");
        assertThat(semaphore.waiting()).isEqualTo(1);

        semaphore.release();
        assertThat(events).containsExactly("a", "b", "c");
        assertThat(semaphore.tokens()).isZero();
        semaphore.release();
        assertThat(semaphore.tokens()).isEqualTo(1);
    }

    @Test
    void waitersGetTokensFirstComeFirstServed() {
        DeferredSemaphore semaphore = new DeferredSemaphore(1);
        acquireAs(semaphore, "holder");
        acquireAs(semaphore, "first");
        acquireAs(semaphore, "second");
        semaphore.release();
        semaphore.release();
        assertThat(events).containsExactly("holder", "first", "second");
    }

    @Test
    void releasingMoreThanWasAcquiredThrows() {
        DeferredSemaphore semaphore = new DeferredSemaphore(2);
        semaphore.acquire();
        semaphore.release();
        assertThatThrownBy(semaphore::release).isInstanceOf(IllegalStateException.class);
        assertThat(semaphore.tokens()).isEqualTo(2);
    }

    @Test
    void cancelOfAWaitingAcquireTakesItOutOfTheQueue() {
        DeferredSemaphore semaphore = new DeferredSemaphore(1);
        semaphore.acquire();
        Deferred<DeferredSemaphore> cancelled = semaphore.acquire();
        acquireAs(semaphore, "next");
        cancelled.cancel();
        assertThat(failureOf(cancelled)).isInstanceOf(CancelledError.class);

        semaphore.release();
        assertThat(events).containsExactly("next");
        assertThat(semaphore.waiting()).isZero();
    }

    @Test
    void runBoundsHowManyActionsRunAtOnce() {
        DeferredSemaphore semaphore = new DeferredSemaphore(2);
        List<Deferred<String>> work = List.of(new Deferred<>(), new Deferred<>(), new Deferred<>());
        List<Deferred<String>> results = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            int index = i;
            results.add(semaphore.runDeferred(() -> {
                events.add("start " + index);
                return work.get(index);
            }));
        }
        assertThat(events).containsExactly("start 0", "start 1");

        work.get(1).callback("one");
        assertThat(events).containsExactly("start 0", "start 1", "start 2");
        assertThat(valueOf(results.get(1))).isEqualTo("one");
        work.get(0).callback("zero");
        work.get(2).callback("two");
        assertThat(semaphore.tokens()).isEqualTo(2);
    }

    @Test
    void runReleasesTheTokenWhenTheActionFails() {
        DeferredSemaphore semaphore = new DeferredSemaphore(1);
        Deferred<String> failed = semaphore.run(() -> {
            throw new IOException("nope");
        });
        assertThat(failureOf(failed)).hasMessage("nope");
        assertThat(semaphore.tokens()).isEqualTo(1);
    }
}
