package org.twisted4j.internet.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.outcomes;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

class LoopingCallTest {

    private final Clock clock = new Clock();
    private final List<Double> times = new ArrayList<>();

    @Test
    void startWithNowCallsAtOnceThenEveryInterval() {
        LoopingCall loop = new LoopingCall(clock, () -> times.add(clock.seconds()));

        loop.start(1, true);
        assertThat(times).containsExactly(0.0);

        clock.pump(0.5, 0.5, 1, 1);
        assertThat(times).containsExactly(0.0, 1.0, 2.0, 3.0);
        assertThat(loop.running()).isTrue();
    }

    @Test
    void startWithoutNowWaitsOneInterval() {
        LoopingCall loop = new LoopingCall(clock, () -> times.add(clock.seconds()));

        loop.start(0.1, false);
        clock.pump(0.05, 0.1, 0.1);

        assertThat(times).hasSize(2);
        loop.stop();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopFiresTheStartDeferredWithTheLoopAndCancelsTheNextCall() {
        LoopingCall loop = new LoopingCall(clock, () -> times.add(clock.seconds()));
        Deferred<LoopingCall> started = loop.start(1, true);
        List<@Nullable Object> fired = outcomes(started);

        clock.advance(1);
        assertThat(fired).isEmpty();
        loop.stop();

        assertThat(fired).containsExactly(loop);
        assertThat(loop.running()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(10);
        assertThat(times).containsExactly(0.0, 1.0);
    }

    @Test
    void stopBeforeTheFirstDelayedCallPreventsEveryCall() {
        for (double interval : new double[] {0, 10}) {
            List<String> ran = new ArrayList<>();
            LoopingCall loop = new LoopingCall(clock, () -> ran.add("ran"));
            List<@Nullable Object> fired = outcomes(loop.start(interval, false));

            loop.stop();
            clock.advance(20);

            assertThat(ran).isEmpty();
            assertThat(fired).containsExactly(loop);
            assertThat(clock.getDelayedCalls()).isEmpty();
        }
    }

    @Test
    void stopFromInsideTheFunctionFiresTheDeferredAfterTheCallReturns() {
        LoopingCall[] loop = new LoopingCall[1];
        List<String> events = new ArrayList<>();
        loop[0] = new LoopingCall(clock, () -> {
            loop[0].stop();
            events.add("function returned");
        });
        Deferred<LoopingCall> started = loop[0].start(1, false);
        started.addCallback(l -> events.add("deferred fired"));

        clock.advance(1);

        assertThat(events).containsExactly("function returned", "deferred fired");
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void functionThatThrowsStopsTheLoopAndFailsTheStartDeferred() {
        IllegalStateException boom = new IllegalStateException("boom");
        int[] calls = {0};
        LoopingCall loop = new LoopingCall(clock, () -> {
            if (++calls[0] == 2) {
                throw boom;
            }
        });
        List<@Nullable Object> fired = outcomes(loop.start(1, true));

        clock.advance(1);

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value()).isSameAs(boom));
        assertThat(loop.running()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(5);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void failureOnTheFirstImmediateCallIsAlreadyInTheReturnedDeferred() {
        LoopingCall loop = new LoopingCall(clock, () -> {
            throw new IllegalArgumentException("at once");
        });

        List<@Nullable Object> fired = outcomes(loop.start(1, true));

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("at once"));
        assertThat(loop.running()).isFalse();
    }

    @Test
    void functionThatStopsAndThrowsStillFailsTheDeferred() {
        LoopingCall[] loop = new LoopingCall[1];
        loop[0] = new LoopingCall(clock, () -> {
            loop[0].stop();
            throw new IllegalStateException("after stop");
        });
        List<@Nullable Object> fired = outcomes(loop[0].start(0.1, false));

        clock.advance(0.1);

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("after stop"));
    }

    @Test
    void returnedDeferredIsWaitedForBeforeTheNextCall() {
        List<Deferred<@Nullable Void>> pending = new ArrayList<>();
        LoopingCall loop = new LoopingCall(clock, () -> {
            times.add(clock.seconds());
            Deferred<@Nullable Void> d = new Deferred<>();
            pending.add(d);
            return d;
        });
        loop.start(1, true);

        clock.pump(1, 1, 1);
        assertThat(times).containsExactly(0.0);
        assertThat(clock.getDelayedCalls()).isEmpty();

        clock.advance(0.5);
        pending.get(0).callback(null);
        // Still aligned to the start: the next call is at 4, not 4.5.
        assertThat(clock.getDelayedCalls()).singleElement().satisfies(c -> assertThat(c.getTime()).isEqualTo(4.0));
        clock.advance(0.5);
        assertThat(times).containsExactly(0.0, 4.0);
    }

    @Test
    void stopWhileWaitingOnTheDeferredFiresWhenItFires() {
        Deferred<@Nullable Void> pending = new Deferred<>();
        LoopingCall loop = new LoopingCall(clock, () -> pending);
        List<@Nullable Object> fired = outcomes(loop.start(1, true));

        loop.stop();
        assertThat(fired).isEmpty();
        pending.callback(null);

        assertThat(fired).containsExactly(loop);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void failedDeferredFromTheFunctionFailsTheLoop() {
        LoopingCall loop = new LoopingCall(clock, () -> {
            Deferred<@Nullable Void> d = new Deferred<>();
            clock.callLater(0.3, () -> d.errback(new IllegalStateException("later")));
            return d;
        });
        List<@Nullable Object> fired = outcomes(loop.start(1, true));

        clock.advance(0.3);

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("later"));
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void lateCallSkipsToTheNextIntervalStillInTheFuture() {
        LoopingCall loop = new LoopingCall(clock, () -> times.add(clock.seconds()));
        loop.start(0.5, true);

        clock.advance(2);
        assertThat(times).containsExactly(0.0, 2.0);
        clock.advance(1);
        assertThat(times).containsExactly(0.0, 2.0, 3.0);
        clock.advance(0);
        assertThat(times).containsExactly(0.0, 2.0, 3.0);
    }

    @Test
    void callThatRunsLongSkipsIntervalsThatAreNotInTheFuture() {
        double[] callDuration = {2};
        LoopingCall loop = new LoopingCall(clock, () -> {
            times.add(clock.seconds());
            clock.advance(callDuration[0]);
        });

        loop.start(0.5, true);
        assertThat(times).containsExactly(0.0);
        assertThat(clock.seconds()).isEqualTo(2.0);

        // The slot at 2.0 is the present, not the future: skipped.
        clock.advance(0);
        assertThat(times).containsExactly(0.0);

        callDuration[0] = 1;
        clock.advance(0.5);
        assertThat(times).containsExactly(0.0, 2.5);
        assertThat(clock.seconds()).isEqualTo(3.5);

        clock.advance(0);
        assertThat(times).containsExactly(0.0, 2.5);

        callDuration[0] = 0;
        clock.advance(0.5);
        assertThat(times).containsExactly(0.0, 2.5, 4.0);
    }

    @Test
    void resetSkipsTheNextCallAndRestartsTheTiming() {
        LoopingCall loop = new LoopingCall(clock, () -> times.add(clock.seconds()));
        loop.start(2, false);

        clock.advance(1);
        loop.reset();
        clock.advance(1);
        assertThat(times).isEmpty();
        clock.advance(1);
        assertThat(times).containsExactly(3.0);
    }

    @Test
    void zeroIntervalRunsOncePerZeroDelayCallUntilStopped() {
        LoopingCall[] loop = new LoopingCall[1];
        List<Integer> counts = new ArrayList<>();
        loop[0] = LoopingCall.withCount(clock, count -> {
            counts.add(count);
            if (counts.size() == 5) {
                loop[0].stop();
            }
        });
        List<@Nullable Object> fired = outcomes(loop[0].start(0, false));
        assertThat(clock.getDelayedCalls()).singleElement().satisfies(c -> assertThat(c.getTime()).isZero());

        clock.advance(0);

        assertThat(counts).containsExactly(1, 1, 1, 1, 1);
        assertThat(fired).containsExactly(loop[0]);
    }

    @Test
    void withCountReportsSkippedIntervalsWithoutReplayingThem() {
        List<String> calls = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, count -> calls.add(clock.seconds() + "x" + count));
        loop.start(0.5, true);
        assertThat(calls).containsExactly("0.0x1");

        clock.advance(0.51);
        assertThat(calls).containsExactly("0.0x1", "0.51x1");

        clock.advance(1.51);
        assertThat(calls).containsExactly("0.0x1", "0.51x1", "2.02x3");

        clock.advance(0);
        assertThat(calls).hasSize(3);
    }

    @Test
    void withCountCountsOnlyWholeIntervalsMissed() {
        List<Integer> counts = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, counts::add);
        loop.start(0.5, true);

        clock.advance(0.51);        // at 0.51: on time
        clock.advance(0.5 * 1.75);  // at 1.385: late, but no whole interval missed
        clock.advance(0.5 * 0.25);  // at 1.51: back on time

        assertThat(counts).containsExactly(1, 1, 1, 1);
    }

    @Test
    void withCountAfterABigAdvanceCountsEveryElapsedInterval() {
        List<Integer> counts = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, counts::add);
        loop.start(1, false);

        clock.advance(1);
        clock.advance(100);
        clock.advance(1);

        assertThat(counts).containsExactly(1, 100, 1);
    }

    @Test
    void withCountNeverPassesZeroAndSumsToTheIntervalsElapsed() {
        List<Integer> counts = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, counts::add);
        double interval = 1.0 / 10;
        loop.start(interval, false);

        for (int i = 0; i < 10; i++) {
            clock.advance(interval);
        }
        double epsilon = 1.0 - clock.seconds();
        assertThat(epsilon).isNotZero();
        clock.advance(Math.max(epsilon, 0));

        assertThat(counts).doesNotContain(0);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
    }

    @Test
    void withCountDeferredCountsIntervalsMissedWhileWaiting() {
        Deferred<@Nullable Void> first = new Deferred<>();
        List<Integer> counts = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCountDeferred(clock, count -> {
            counts.add(count);
            return counts.size() == 1 ? first : null;
        });
        loop.start(0.2, false);
        assertThat(counts).isEmpty();

        clock.pump(0.2, 0.4);
        assertThat(counts).containsExactly(1);

        first.callback(null);
        clock.pump(0.2);
        assertThat(counts).containsExactly(1, 3);
    }

    @Test
    void withCountAtZeroIntervalCountsOneEvenAfterWaitingOnADeferred() {
        Deferred<@Nullable Void> blocker = new Deferred<>();
        List<Integer> counts = new ArrayList<>();
        LoopingCall[] loop = new LoopingCall[1];
        loop[0] = LoopingCall.withCountDeferred(clock, count -> {
            counts.add(count);
            if (counts.size() == 2) {
                return blocker;
            }
            if (counts.size() == 5) {
                loop[0].stop();
            }
            return null;
        });
        loop[0].start(0, false);

        clock.pump(0, 0);
        assertThat(counts).containsExactly(1, 1);
        clock.pump(1, 1);
        assertThat(counts).containsExactly(1, 1);

        blocker.callback(null);
        clock.advance(0);
        assertThat(counts).containsExactly(1, 1, 1, 1, 1);
        assertThat(loop[0].running()).isFalse();
    }

    @Test
    void startingTwiceIsAnError() {
        LoopingCall loop = new LoopingCall(clock, () -> { });
        loop.start(1, false);

        assertThatThrownBy(() -> loop.start(1, false)).isInstanceOf(IllegalStateException.class);
        assertThat(clock.getDelayedCalls()).hasSize(1);
    }

    @Test
    void canBeStartedAgainAfterStopping() {
        LoopingCall loop = new LoopingCall(clock, () -> times.add(clock.seconds()));
        loop.start(1, false);
        loop.stop();

        clock.advance(0.5);
        loop.start(1, false);
        clock.advance(1);

        assertThat(times).containsExactly(1.5);
        assertThat(loop.interval()).isEqualTo(1);
    }

    @Test
    void negativeOrNotANumberIntervalIsAnError() {
        LoopingCall loop = new LoopingCall(clock, () -> { });

        assertThatThrownBy(() -> loop.start(-1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loop.start(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(loop.running()).isFalse();
    }

    @Test
    void stopOrResetWhenNotRunningIsAnError() {
        LoopingCall loop = new LoopingCall(clock, () -> { });

        assertThatThrownBy(loop::stop).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(loop::reset).isInstanceOf(IllegalStateException.class);
    }
}
