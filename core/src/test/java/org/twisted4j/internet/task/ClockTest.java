package org.twisted4j.internet.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.AlreadyCalledException;
import org.twisted4j.internet.DelayedCall;

class ClockTest {

    private final Clock clock = new Clock();
    private final List<String> log = new ArrayList<>();

    private Runnable logTime(String name) {
        return () -> log.add(name + "@" + clock.seconds());
    }

    @Test
    void startsAtZeroWithNoCalls() {
        assertThat(clock.seconds()).isZero();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void callLaterReturnsAnActiveCallDueAtNowPlusDelay() {
        clock.advance(1.5);
        DelayedCall call = clock.callLater(2, logTime("x"));

        assertThat(call.getTime()).isEqualTo(3.5);
        assertThat(call.active()).isTrue();
        assertThat(clock.getDelayedCalls()).containsExactly(call);
    }

    @Test
    void advanceRunsCallsOnlyOnceTheirTimeIsReached() {
        DelayedCall call = clock.callLater(2, logTime("x"));

        clock.advance(1);
        assertThat(log).isEmpty();
        clock.advance(1);

        assertThat(log).containsExactly("x@2.0");
        assertThat(call.active()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void advanceByDurationMovesTheSameAsSeconds() {
        clock.callLater(Duration.ofMillis(1500), logTime("x"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(log).isEmpty();
        clock.advance(Duration.ofMillis(500));

        assertThat(log).containsExactly("x@1.5");
    }

    @Test
    void pumpAdvancesStepByStepRunningCallsAtEachStep() {
        clock.callLater(1, logTime("a"));
        clock.callLater(2.5, logTime("b"));

        clock.pump(1, 1, 1);

        assertThat(log).containsExactly("a@1.0", "b@3.0");
        assertThat(clock.seconds()).isEqualTo(3);
    }

    @Test
    void callsDueTogetherRunInSchedulingOrderAndSeeTheAdvancedTime() {
        clock.callLater(3, logTime("c"));
        clock.callLater(1, logTime("a"));
        clock.callLater(1, logTime("b"));

        clock.advance(10);

        assertThat(log).containsExactly("a@10.0", "b@10.0", "c@10.0");
    }

    @Test
    void cancelledCallDoesNotRun() {
        DelayedCall call = clock.callLater(1, logTime("x"));

        call.cancel();
        clock.advance(5);

        assertThat(call.active()).isFalse();
        assertThat(log).isEmpty();
    }

    @Test
    void cancellingFromInsideTheCallThrowsAlreadyCalled() {
        List<Class<?>> thrown = new ArrayList<>();
        DelayedCall[] call = new DelayedCall[1];
        call[0] = clock.callLater(1, () -> {
            try {
                call[0].cancel();
            } catch (AlreadyCalledException expected) {
                thrown.add(expected.getClass());
            }
        });

        clock.advance(1);

        assertThat(thrown).containsExactly(AlreadyCalledException.class);
    }

    @Test
    void delayedCallRunsLater() {
        DelayedCall call = clock.callLater(1, logTime("x"));

        call.delay(1);

        assertThat(call.getTime()).isEqualTo(2);
        clock.advance(1.5);
        assertThat(log).isEmpty();
        clock.advance(1);
        assertThat(log).containsExactly("x@2.5");
    }

    @Test
    void resetToLaterCountsFromTheCurrentTime() {
        DelayedCall call = clock.callLater(2, logTime("x"));
        clock.advance(1);

        call.reset(3);

        assertThat(call.getTime()).isEqualTo(4);
        clock.advance(2);
        assertThat(log).isEmpty();
        clock.advance(1);
        assertThat(log).containsExactly("x@4.0");
    }

    @Test
    void resetToSoonerRunsSooner() {
        DelayedCall call = clock.callLater(4, logTime("x"));

        call.reset(3);

        assertThat(call.getTime()).isEqualTo(3);
        clock.advance(3);
        assertThat(log).containsExactly("x@3.0");
    }

    @Test
    void callScheduledAfterAResetCallRunsFirstWhenDueFirst() {
        DelayedCall a = clock.callLater(1, logTime("a"));
        a.reset(3);
        clock.callLater(2, logTime("b"));

        clock.pump(1, 1, 1);

        assertThat(log).containsExactly("b@2.0", "a@3.0");
    }

    @Test
    void resetFromInsideAnotherCallKeepsTheOrder() {
        DelayedCall b = clock.callLater(2, logTime("b"));
        clock.callLater(1, () -> b.reset(3));
        clock.callLater(3, logTime("c"));

        for (int i = 0; i < 10; i++) {
            clock.advance(0.5);
        }

        assertThat(log).containsExactly("c@3.0", "b@4.0");
    }

    @Test
    void zeroDelayCallsScheduledDuringAdvanceRunInTheSameAdvance() {
        clock.callLater(1, () -> {
            log.add("first@" + clock.seconds());
            clock.callLater(0, () -> {
                log.add("zero delay@" + clock.seconds());
                clock.callLater(0, logTime("zero delay again"));
            });
            clock.callLater(0.5, logTime("later"));
        });

        clock.advance(2);

        assertThat(log).containsExactly("first@2.0", "zero delay@2.0", "zero delay again@2.0");
        assertThat(clock.getDelayedCalls()).singleElement().satisfies(c -> assertThat(c.getTime()).isEqualTo(2.5));
    }

    @Test
    void callThatAdvancesTheClockRunsCallsDueByTheNewTime() {
        clock.callLater(1, () -> {
            clock.advance(4);
            clock.callLater(0, logTime("after inner advance"));
        });
        clock.callLater(3, logTime("inner"));

        clock.advance(1);

        assertThat(log).containsExactly("inner@5.0", "after inner advance@5.0");
        assertThat(clock.seconds()).isEqualTo(5);
    }

    @Test
    void exceptionFromACallPropagatesOutOfAdvanceAndLaterCallsRunNextTime() {
        IllegalStateException boom = new IllegalStateException("boom");
        clock.callLater(1, () -> {
            throw boom;
        });
        clock.callLater(1, logTime("after"));

        assertThatThrownBy(() -> clock.advance(1)).isSameAs(boom);
        assertThat(log).isEmpty();

        clock.advance(0);
        assertThat(log).containsExactly("after@1.0");
    }

    @Test
    void getDelayedCallsListsPendingCallsInRunOrder() {
        DelayedCall second = clock.callLater(2, logTime("b"));
        DelayedCall first = clock.callLater(1, logTime("a"));

        assertThat(clock.getDelayedCalls()).containsExactly(first, second);
    }

    @Test
    void negativeOrNotANumberDelaysAndAdvancesAreRejected() {
        assertThatThrownBy(() -> clock.callLater(-1, logTime("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.callLater(Double.NaN, logTime("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.seconds()).isZero();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }
}
