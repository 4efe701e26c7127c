package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Coroutine.await;
import static org.twisted4j.defer.Outcomes.outcomeOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The test thread plays the reactor thread: it starts coroutines and fires the Deferreds they await. */
class CoroutineTest {

    private static Throwable failureValue(AtomicReference<Object> outcome) {
        assertThat(outcome.get()).isInstanceOf(Failure.class);
        return ((Failure) outcome.get()).value();
    }

    @Test
    void awaitReturnsTheResultOnceTheDeferredFires() {
        Deferred<String> page = new Deferred<>();
        Deferred<Integer> length = Coroutine.start(() -> await(page).length());
        AtomicReference<Object> outcome = outcomeOf(length);
        assertThat(outcome.get()).isEqualTo("no outcome");
        page.callback("hello");
        assertThat(outcome.get()).isEqualTo(5);
    }

    @Test
    void awaitThrowsTheFailuresOwnCheckedExceptionInstance() {
        IOException reset = new IOException("reset");
        Deferred<String> read = new Deferred<>();
        Deferred<Object> caught = Coroutine.start(() -> {
            try {
                return await(read);
            } catch (IOException e) {
                return e;
            }
        });
        AtomicReference<Object> outcome = outcomeOf(caught);
        read.errback(reset);
        assertThat(outcome.get()).isSameAs(reset);
    }

    @Test
    void failureNotCaughtByTheBodyFailsTheCoroutineWithTheSameException() {
        IOException reset = new IOException("reset");
        Deferred<String> read = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(Coroutine.start(() -> await(read)));
        read.errback(reset);
        assertThat(failureValue(outcome)).isSameAs(reset);
    }

    @Test
    void awaitOfAlreadyFiredDeferredsCarriesOnAtOnce() {
        IllegalStateException broken = new IllegalStateException("broken");
        Deferred<String> done = Coroutine.start(() -> {
            String first = await(Deferred.succeed("ready"));
            try {
                await(Deferred.<String>fail(broken));
                return "not reached";
            } catch (IllegalStateException e) {
                return first + "/" + (e == broken);
            }
        });
        assertThat(done.isCalled()).isTrue();
        assertThat(outcomeOf(done).get()).isEqualTo("ready/true");
    }

    @Test
    void sequentialAwaitsResumeOneAfterAnother() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<Integer> c = new Deferred<>();
        List<Integer> seen = new ArrayList<>();
        AtomicReference<Object> outcome = outcomeOf(Coroutine.start(() -> {
            seen.add(await(a));
            seen.add(await(b));
            seen.add(await(c));
            return seen.stream().mapToInt(Integer::intValue).sum();
        }));
        a.callback(1);
        assertThat(seen).containsExactly(1);
        b.callback(20);
        assertThat(seen).containsExactly(1, 20);
        assertThat(outcome.get()).isEqualTo("no outcome");
        c.callback(300);
        assertThat(outcome.get()).isEqualTo(321);
    }

    @Test
    void exceptionThrownByTheBodyFailsTheCoroutine() {
        IOException refused = new IOException("refused");
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(Coroutine.<String>start(() -> {
            await(d);
            throw refused;
        }));
        d.callback("go");
        assertThat(failureValue(outcome)).isSameAs(refused);
    }

    @Test
    void returnValueFiresTheCoroutineEvenWhenNull() {
        assertThat(outcomeOf(Coroutine.start(() -> "at once")).get()).isEqualTo("at once");
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(Coroutine.<@Nullable String>start(() -> {
            await(d);
            return null;
        }));
        d.callback("x");
        assertThat(outcome.get()).isNull();
    }

    @Test
    void outcomeOfABodyWhoseDeferredWasFiredElsewhereIsThrownToItsDriver() {
        Deferred<String> d = new Deferred<>();
        Deferred<String> coroutine = Coroutine.start(() -> await(d));
        coroutine.callback("fired early by someone else");
        d.callback("late");
        assertThat(failureValue(outcomeOf(d))).isInstanceOf(AlreadyCalledError.class);
        assertThat(outcomeOf(coroutine).get()).isEqualTo("fired early by someone else");
    }

    @Test
    void bodyReturningADeferredFailsWithIllegalArgument() {
        AtomicReference<Object> outcome = outcomeOf(Coroutine.start(() -> Deferred.succeed(1)));
        assertThat(failureValue(outcome)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaitConsumesTheResultAndHandlesTheFailure() {
        Deferred<String> ok = new Deferred<>();
        Deferred<String> bad = new Deferred<>();
        Coroutine.start(() -> {
            await(ok);
            try {
                await(bad);
            } catch (IOException expected) {
                // handled here
            }
            return null;
        });
        ok.callback("value");
        bad.errback(new IOException("handled by the coroutine"));
        assertThat(outcomeOf(ok).get()).isNull();
        assertThat(outcomeOf(bad).get()).isNull();
    }

    @Test
    void awaitingTheSameDeferredAgainGetsNull() {
        Deferred<String> d = new Deferred<>();
        List<@Nullable String> seen = new ArrayList<>();
        Deferred<Integer> done = Coroutine.start(() -> {
            seen.add(await(d));
            seen.add(await(d));
            return seen.size();
        });
        d.callback("once");
        assertThat(seen).containsExactly("once", null);
        assertThat(outcomeOf(done).get()).isEqualTo(2);
    }

    @Test
    void cancellingTheCoroutineCancelsTheAwaitedDeferredAndTheBodyCanRecover() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> slow = new Deferred<>(self -> cancelled.add("slow"));
        Deferred<String> coroutine = Coroutine.start(() -> {
            try {
                return await(slow);
            } catch (CancelledError e) {
                return "gave up";
            }
        });
        AtomicReference<Object> outcome = outcomeOf(coroutine);
        coroutine.cancel();
        assertThat(cancelled).containsExactly("slow");
        assertThat(outcome.get()).isEqualTo("gave up");
    }

    @Test
    void cancelledErrorNotCaughtByTheBodyFailsTheCoroutine() {
        Deferred<String> slow = new Deferred<>();
        Deferred<String> coroutine = Coroutine.start(() -> await(slow));
        AtomicReference<Object> outcome = outcomeOf(coroutine);
        coroutine.cancel();
        assertThat(failureValue(outcome)).isInstanceOf(CancelledError.class);
        assertThat(outcomeOf(slow).get()).isNull(); // the coroutine handled the awaited Deferred's failure
    }

    @Test
    void bodyThatKeepsGoingAfterCancellationDecidesTheOutcomeLater() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<String> third = new Deferred<>();
        Deferred<String> coroutine = Coroutine.start(() -> {
            String log = "";
            for (Deferred<String> d : List.of(first, second, third)) {
                try {
                    log += await(d);
                } catch (CancelledError e) {
                    log += "C";
                }
            }
            return log;
        });
        AtomicReference<Object> outcome = outcomeOf(coroutine);
        coroutine.cancel();
        assertThat(outcome.get()).isEqualTo("no outcome");
        assertThat(coroutine.isCalled()).isTrue(); // fired, but waiting for the body's outcome
        coroutine.cancel(); // cancels what the body awaits now
        assertThat(second.isCalled()).isTrue();
        third.callback("3");
        assertThat(outcome.get()).isEqualTo("CC3");
    }

    @Test
    void cancellerOfTheAwaitedDeferredDecidesWhatAwaitReturns() {
        Deferred<String> polite = new Deferred<>(self -> self.callback("partial"));
        Deferred<String> coroutine = Coroutine.start(() -> "got " + await(polite));
        AtomicReference<Object> outcome = outcomeOf(coroutine);
        coroutine.cancel();
        assertThat(outcome.get()).isEqualTo("got partial");
    }

    @Test
    void cancelAfterTheCoroutineFinishedDoesNothing() {
        Deferred<String> coroutine = Coroutine.start(() -> "done");
        coroutine.cancel();
        assertThat(outcomeOf(coroutine).get()).isEqualTo("done");
    }

    @Test
    void bodyRunsOnlyWhileItsDriverWaitsForIt() {
        Thread testThread = Thread.currentThread();
        int[] counter = {0}; // deliberately unsynchronized: the hand-offs alone must order the accesses
        List<Integer> seenByBody = new ArrayList<>();
        AtomicBoolean driverRunning = new AtomicBoolean(true);
        List<String> violations = new ArrayList<>();
        Runnable bodyStep = () -> {
            // Watch the flag for a while: were the driver running alongside, it would soon set it.
            for (int i = 0; i < 200_000; i++) {
                if (driverRunning.get()) {
                    violations.add("body ran while the driver was running");
                    break;
                }
            }
            if (Thread.currentThread() == testThread || !Thread.currentThread().isVirtual()) {
                violations.add("body ran on " + Thread.currentThread());
            }
            seenByBody.add(counter[0]);
            counter[0]++;
        };
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<Integer> coroutine;

        counter[0] = 1;
        driverRunning.set(false);
        coroutine = Coroutine.start(() -> {
            bodyStep.run();
            await(first);
            bodyStep.run();
            await(second);
            bodyStep.run();
            return counter[0];
        });
        driverRunning.set(true);
        assertThat(counter[0]).isEqualTo(2); // the body has reached its first await
        assertThat(coroutine.isCalled()).isFalse();

        counter[0]++;
        driverRunning.set(false);
        first.callback("1");
        driverRunning.set(true);
        assertThat(counter[0]).isEqualTo(4); // the body has reached its second await

        counter[0]++;
        driverRunning.set(false);
        second.callback("2");
        driverRunning.set(true);
        assertThat(counter[0]).isEqualTo(6);
        assertThat(seenByBody).containsExactly(1, 3, 5);
        assertThat(violations).isEmpty();
        assertThat(outcomeOf(coroutine).get()).isEqualTo(6);
    }

    @Test
    void threadThatFiresTheAwaitedDeferredDrivesTheBodyToItsNextStop() throws InterruptedException {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(Coroutine.start(() -> await(d) + "!"));
        Thread other = new Thread(() -> d.callback("other thread"));
        other.start();
        other.join();
        assertThat(outcome.get()).isEqualTo("other thread!");
    }

    @Test
    void tenThousandSuspendedCoroutinesAllComplete() {
        int n = 10_000;
        List<Deferred<Integer>> awaited = new ArrayList<>(n);
        List<Deferred<Integer>> coroutines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Deferred<Integer> d = new Deferred<>();
            int offset = i;
            awaited.add(d);
            coroutines.add(Coroutine.start(() -> await(d) * 2 + offset));
        }
        assertThat(coroutines).noneMatch(Deferred::isCalled);
        for (int i = 0; i < n; i++) {
            awaited.get(i).callback(i);
        }
        for (int i = 0; i < n; i++) {
            assertThat(outcomeOf(coroutines.get(i)).get()).isEqualTo(3 * i);
        }
    }

    @Test
    void awaitOutsideACoroutineFailsClearly() {
        assertThat(Coroutine.inCoroutine()).isFalse();
        assertThatThrownBy(() -> await(Deferred.succeed("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("await called outside a coroutine");
    }

    @Test
    void callbacksOfTheCoroutinesDeferredAreNotInsideTheCoroutine() {
        Deferred<String> d = new Deferred<>();
        Deferred<String> coroutine = Coroutine.start(() -> {
            assertThat(Coroutine.inCoroutine()).isTrue();
            return await(d);
        });
        AtomicReference<Object> outcome = outcomeOf(coroutine.addCallback(value -> {
            boolean onBodyThread = Thread.currentThread().isVirtual();
            try {
                await(Deferred.succeed(value));
                return "await worked";
            } catch (IllegalStateException e) {
                return "outside, on body thread: " + onBodyThread + ", in coroutine: " + Coroutine.inCoroutine();
            }
        }));
        d.callback("x");
        assertThat(outcome.get()).isEqualTo("outside, on body thread: true, in coroutine: false");
    }

    @Test
    void coroutineCanStartAndAwaitANestedCoroutine() {
        Deferred<Integer> leaf = new Deferred<>();
        List<String> order = new ArrayList<>();
        Deferred<Integer> parent = Coroutine.start(() -> {
            order.add("parent starts child");
            Deferred<Integer> child = Coroutine.start(() -> {
                order.add("child awaits leaf");
                int value = await(leaf);
                order.add("child resumed");
                return value + 1;
            });
            order.add("parent awaits child");
            int value = await(child);
            order.add("parent resumed");
            return value * 10;
        });
        AtomicReference<Object> outcome = outcomeOf(parent);
        assertThat(order).containsExactly("parent starts child", "child awaits leaf", "parent awaits child");
        leaf.callback(4);
        assertThat(order).endsWith("child resumed", "parent resumed");
        assertThat(outcome.get()).isEqualTo(50);
    }

    @Test
    void cancellingAParentCancelsTheNestedCoroutineItAwaits() {
        List<String> cancelled = new ArrayList<>();
        Deferred<Integer> leaf = new Deferred<>(self -> cancelled.add("leaf"));
        Deferred<Integer> parent = Coroutine.start(() -> await(Coroutine.start(() -> await(leaf))));
        AtomicReference<Object> outcome = outcomeOf(parent);
        parent.cancel();
        assertThat(cancelled).containsExactly("leaf");
        assertThat(failureValue(outcome)).isInstanceOf(CancelledError.class);
    }

    @Test
    void drivingThreadIsTheOutermostDriverInsideACoroutineAndTheCallerOutside() throws Exception {
        Thread testThread = Thread.currentThread();
        assertThat(Coroutine.drivingThread()).isSameAs(testThread);
        List<Thread> seen = new ArrayList<>();
        Deferred<String> gate = new Deferred<>();
        Deferred<Object> outer = Coroutine.start(() -> {
            seen.add(Coroutine.drivingThread());
            Coroutine.await(Coroutine.start(() -> {
                seen.add(Coroutine.drivingThread());
                return Coroutine.await(gate);
            }));
            seen.add(Coroutine.drivingThread());
            return null;
        });
        Thread firing = Thread.ofPlatform().start(() -> gate.callback("go"));
        firing.join();
        assertThat(outcomeOf(outer).get()).isNull();
        assertThat(seen).containsExactly(testThread, testThread, firing);
    }
}
