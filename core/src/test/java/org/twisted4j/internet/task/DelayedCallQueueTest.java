package org.twisted4j.internet.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.AlreadyCalledException;
import org.twisted4j.internet.AlreadyCancelledException;
import org.twisted4j.internet.DelayedCall;

class DelayedCallQueueTest {

    private double now;
    private final List<String> ran = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final DelayedCallQueue queue =
            new DelayedCallQueue(() -> now, (call, error) -> failures.add(error));

    @AfterEach
    void noCallFailedUnexpectedly() {
        assertThat(failures).isEmpty();
    }

    private Runnable record(String name) {
        return () -> ran.add(name);
    }

    @Test
    void callsRunInOrderOfTimeWhateverOrderTheyWereScheduledIn() {
        queue.schedule(3, record("c"));
        queue.schedule(1, record("a"));
        queue.schedule(2, record("b"));

        assertThat(queue.runUntil(3)).isEqualTo(3);

        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void callsDueAtTheSameTimeRunInTheOrderTheyWereScheduled() {
        for (int i = 0; i < 20; i++) {
            queue.schedule(5, record("call" + i));
        }
        queue.schedule(4, record("earlier"));

        queue.runUntil(5);

        List<String> expected = new ArrayList<>();
        expected.add("earlier");
        for (int i = 0; i < 20; i++) {
            expected.add("call" + i);
        }
        assertThat(ran).isEqualTo(expected);
    }

    @Test
    void onlyCallsDueAtOrBeforeTheGivenTimeRun() {
        DelayedCall due = queue.schedule(2, record("due"));
        DelayedCall later = queue.schedule(2.5, record("later"));

        assertThat(queue.runUntil(2)).isEqualTo(1);

        assertThat(ran).containsExactly("due");
        assertThat(due.active()).isFalse();
        assertThat(later.active()).isTrue();
        assertThat(queue.getDelayedCalls()).containsExactly(later);
    }

    @Test
    void cancelledCallNeverRunsAndLeavesTheQueue() {
        DelayedCall call = queue.schedule(1, record("cancelled"));
        queue.schedule(1, record("kept"));

        call.cancel();

        assertThat(call.active()).isFalse();
        assertThat(queue.size()).isEqualTo(1);
        queue.runUntil(10);
        assertThat(ran).containsExactly("kept");
    }

    @Test
    void cancellingTwiceThrowsAlreadyCancelled() {
        DelayedCall call = queue.schedule(1, record("x"));
        call.cancel();

        assertThatThrownBy(call::cancel).isInstanceOf(AlreadyCancelledException.class);
        assertThatThrownBy(() -> call.reset(1)).isInstanceOf(AlreadyCancelledException.class);
        assertThatThrownBy(() -> call.delay(1)).isInstanceOf(AlreadyCancelledException.class);
    }

    @Test
    void cancelResetOrDelayAfterRunningThrowsAlreadyCalled() {
        DelayedCall call = queue.schedule(1, record("x"));
        queue.runUntil(1);

        assertThatThrownBy(call::cancel).isInstanceOf(AlreadyCalledException.class);
        assertThatThrownBy(() -> call.reset(1)).isInstanceOf(AlreadyCalledException.class);
        assertThatThrownBy(() -> call.delay(1)).isInstanceOf(AlreadyCalledException.class);
    }

    @Test
    void callCountsAsCalledWhileItRuns() {
        List<Throwable> seen = new ArrayList<>();
        DelayedCall[] self = new DelayedCall[1];
        self[0] = queue.schedule(1, () -> {
            seen.add(catchThrowable(self[0]::cancel));
            ran.add(String.valueOf(self[0].active()));
        });

        queue.runUntil(1);

        assertThat(seen).singleElement().isInstanceOf(AlreadyCalledException.class);
        assertThat(ran).containsExactly("false");
    }

    @Test
    void resetMovesTheCallRelativeToTheCurrentTime() {
        now = 10;
        DelayedCall call = queue.schedule(12, record("x"));

        call.reset(5);

        assertThat(call.getTime()).isEqualTo(15);
        assertThat(queue.runUntil(14)).isZero();
        assertThat(queue.runUntil(15)).isEqualTo(1);
    }

    @Test
    void resetSoonerRunsTheCallSooner() {
        DelayedCall moved = queue.schedule(10, record("moved"));
        queue.schedule(5, record("fixed"));

        moved.reset(2);

        queue.runUntil(10);
        assertThat(ran).containsExactly("moved", "fixed");
    }

    @Test
    void delayPushesTheCallBackFromItsDueTime() {
        now = 3;
        DelayedCall call = queue.schedule(4, record("x"));

        call.delay(2.5);

        assertThat(call.getTime()).isEqualTo(6.5);
        queue.runUntil(6);
        assertThat(ran).isEmpty();
        queue.runUntil(6.5);
        assertThat(ran).containsExactly("x");
    }

    @Test
    void negativeDelayBringsTheCallForward() {
        DelayedCall call = queue.schedule(4, record("x"));

        call.delay(-3);

        assertThat(call.getTime()).isEqualTo(1);
        queue.runUntil(1);
        assertThat(ran).containsExactly("x");
    }

    @Test
    void movedCallKeepsItsSchedulingOrderAmongCallsDueAtTheSameTime() {
        DelayedCall first = queue.schedule(1, record("first"));
        queue.schedule(3, record("second"));
        queue.schedule(3, record("third"));

        first.reset(3);

        queue.runUntil(3);
        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void callsScheduledDuringRunUntilRunIfAlreadyDue() {
        queue.schedule(1, () -> {
            ran.add("outer");
            queue.schedule(1, record("same time"));
            queue.schedule(2, record("next second"));
            queue.schedule(3, record("too late"));
        });

        assertThat(queue.runUntil(2)).isEqualTo(3);

        assertThat(ran).containsExactly("outer", "same time", "next second");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void callResetDuringRunUntilToADueTimeRunsInTheSameRun() {
        DelayedCall later = queue.schedule(10, record("later"));
        queue.schedule(1, () -> later.reset(0));

        queue.runUntil(1);

        assertThat(ran).containsExactly("later");
    }

    @Test
    void callsScheduledDuringAPassWaitForTheNextPass() {
        queue.schedule(1, () -> {
            ran.add("outer");
            queue.schedule(0, record("new"));
        });
        queue.schedule(1, record("old"));

        assertThat(queue.runPass(1)).isEqualTo(2);
        assertThat(ran).containsExactly("outer", "old");
        assertThat(queue.size()).isEqualTo(1);

        assertThat(queue.runPass(1)).isEqualTo(1);
        assertThat(ran).containsExactly("outer", "old", "new");
    }

    @Test
    void callScheduledDuringAPassCanBeCancelledOrMovedBeforeItJoins() {
        DelayedCall[] scheduled = new DelayedCall[2];
        List<DelayedCall> listedDuringPass = new ArrayList<>();
        queue.schedule(0, () -> {
            scheduled[0] = queue.schedule(5, record("cancelled"));
            scheduled[1] = queue.schedule(5, record("moved"));
            listedDuringPass.addAll(queue.getDelayedCalls());
            scheduled[0].cancel();
            scheduled[1].delay(1);
        });

        queue.runPass(0);

        assertThat(listedDuringPass).containsExactly(scheduled[0], scheduled[1]);
        assertThat(scheduled[0].active()).isFalse();
        assertThat(queue.getDelayedCalls()).containsExactly(scheduled[1]);
        assertThat(scheduled[1].getTime()).isEqualTo(6);
        queue.runPass(6);
        assertThat(ran).containsExactly("moved");
    }

    @Test
    void callAlreadyQueuedAndResetDuringAPassRunsInThatPassIfDue() {
        DelayedCall later = queue.schedule(10, record("later"));
        queue.schedule(1, () -> later.reset(0));

        queue.runPass(1);

        assertThat(ran).containsExactly("later");
    }

    @Test
    void failingCallIsReportedAndTheOthersStillRun() {
        IllegalStateException boom = new IllegalStateException("boom");
        queue.schedule(1, record("before"));
        DelayedCall failing = queue.schedule(2, () -> {
            throw boom;
        });
        queue.schedule(3, record("after"));

        assertThat(queue.runUntil(3)).isEqualTo(3);

        assertThat(ran).containsExactly("before", "after");
        assertThat(failures).containsExactly(boom);
        assertThat(failing.active()).isFalse();
        failures.clear();
    }

    @Test
    void rethrowingHandlerEndsTheRunAndLeavesLaterCallsQueued() {
        DelayedCallQueue rethrowing = new DelayedCallQueue(() -> now, DelayedCallQueue.RETHROW);
        IllegalStateException boom = new IllegalStateException("boom");
        rethrowing.schedule(1, () -> {
            throw boom;
        });
        rethrowing.schedule(1, record("after"));

        assertThatThrownBy(() -> rethrowing.runUntil(1)).isSameAs(boom);

        assertThat(ran).isEmpty();
        assertThat(rethrowing.size()).isEqualTo(1);
        rethrowing.runUntil(1);
        assertThat(ran).containsExactly("after");
    }

    @Test
    void rethrowingHandlerInAPassStillAdmitsCallsScheduledDuringIt() {
        DelayedCallQueue rethrowing = new DelayedCallQueue(() -> now, DelayedCallQueue.RETHROW);
        rethrowing.schedule(1, () -> {
            rethrowing.schedule(0, record("scheduled before the failure"));
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> rethrowing.runPass(1)).hasMessage("boom");

        assertThat(rethrowing.runPass(1)).isEqualTo(1);
        assertThat(ran).containsExactly("scheduled before the failure");
    }

    @Test
    void timeToNextCallMeasuresFromTheClockAndIsNeverNegative() {
        assertThat(queue.timeToNextCall()).isEmpty();
        assertThat(queue.nextCallTime()).isEmpty();

        now = 100;
        queue.schedule(103.5, record("x"));
        queue.schedule(107, record("y"));

        assertThat(queue.nextCallTime()).isEqualTo(OptionalDouble.of(103.5));
        assertThat(queue.timeToNextCall()).isEqualTo(OptionalDouble.of(3.5));
        now = 110;
        assertThat(queue.timeToNextCall()).isEqualTo(OptionalDouble.of(0));
    }

    @Test
    void timeToNextCallFollowsCancellationAndReset() {
        DelayedCall first = queue.schedule(1, record("first"));
        queue.schedule(5, record("second"));

        first.cancel();
        assertThat(queue.timeToNextCall()).isEqualTo(OptionalDouble.of(5));

        queue.schedule(4, record("third")).reset(2);
        assertThat(queue.timeToNextCall()).isEqualTo(OptionalDouble.of(2));
    }

    @Test
    void getDelayedCallsListsOnlyActiveCallsInRunOrder() {
        DelayedCall b = queue.schedule(2, record("b"));
        DelayedCall a = queue.schedule(1, record("a"));
        DelayedCall cancelled = queue.schedule(1.5, record("c"));
        cancelled.cancel();

        assertThat(queue.getDelayedCalls()).containsExactly(a, b);
        assertThat(queue.isEmpty()).isFalse();
        queue.runUntil(2);
        assertThat(queue.getDelayedCalls()).isEmpty();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void notANumberIsRejected() {
        DelayedCall call = queue.schedule(1, record("x"));

        assertThatThrownBy(() -> queue.schedule(Double.NaN, record("y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.reset(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.delay(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.runUntil(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(call.getTime()).isEqualTo(1);
        assertThat(call.active()).isTrue();
    }

    @Test
    void manyCancellationsAndResetsKeepTheQueueConsistent() {
        List<DelayedCall> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            calls.add(queue.schedule(i % 97, () -> ran.add(String.valueOf(n))));
        }
        for (int i = 0; i < 1000; i += 2) {
            calls.get(i).cancel();
        }
        for (int i = 1; i < 1000; i += 4) {
            calls.get(i).reset(200);
        }

        assertThat(queue.size()).isEqualTo(500);
        queue.runUntil(199);
        assertThat(ran).hasSize(250);
        queue.runUntil(200);
        assertThat(ran).hasSize(500);
        List<String> resetOnes = ran.subList(250, 500);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < 1000; i += 4) {
            expected.add(String.valueOf(i));
        }
        assertThat(resetOnes).isEqualTo(expected);
    }

    @Test
    void describesItsStateInToString() {
        now = 1;
        DelayedCall call = queue.schedule(3, record("x"));
        assertThat(call.toString()).contains("at 3.0").contains("due in 2.0s");
        call.cancel();
        assertThat(call.toString()).contains("cancelled");
    }

    private static Throwable catchThrowable(Runnable runnable) {
        try {
            runnable.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected an exception");
    }
}
