package org.twisted4j.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;

class TimerServiceTest {
    private final Clock clock = new Clock();
    private final List<Double> calls = new ArrayList<>();

    @Test
    void callsAtStartThenEveryIntervalOnTheClock() {
        TimerService timer = new TimerService(clock, 5, () -> calls.add(clock.seconds()));

        timer.startService();
        assertThat(calls).containsExactly(0.0);
        clock.advance(4.9);
        assertThat(calls).containsExactly(0.0);
        clock.advance(0.1);
        clock.advance(5);
        assertThat(calls).containsExactly(0.0, 5.0, 10.0);
        assertThat(timer.isRunning()).isTrue();
    }

    @Test
    void stoppingEndsTheCallsAndFiresAtOnce() {
        TimerService timer = new TimerService(clock, 5, () -> calls.add(clock.seconds()));
        timer.startService();

        Deferred<@Nullable Void> stopped = timer.stopService();
        clock.advance(20);

        assertThat(stopped.isCalled()).isTrue();
        assertThat(calls).containsExactly(0.0);
        assertThat(timer.isRunning()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopWaitsForTheCallInProgress() {
        Deferred<@Nullable Void> work = new Deferred<>();
        TimerService timer = new TimerService(clock, 5, () -> {
            calls.add(clock.seconds());
            return work;
        });
        timer.startService();

        Deferred<@Nullable Void> stopped = timer.stopService();

        assertThat(stopped.isCalled()).isFalse();
        assertThat(timer.isRunning()).isTrue();
        work.callback(null);
        assertThat(stopped.isCalled()).isTrue();
        assertThat(timer.isRunning()).isFalse();
        clock.advance(20);
        assertThat(calls).containsExactly(0.0);
    }

    @Test
    void failingCallStopsTheLoopAndStopStillFires() {
        int[] count = {0};
        TimerService timer = new TimerService(clock, 1, () -> {
            if (++count[0] == 2) {
                throw new IllegalStateException("tick failed");
            }
        });
        try (CapturedLog log = new CapturedLog()) {
            timer.startService();

            clock.advance(1);
            clock.advance(1);
            clock.advance(1);

            assertThat(log.failureMessages()).containsExactly("tick failed");
        }
        assertThat(count[0]).isEqualTo(2);
        assertThat(clock.getDelayedCalls()).isEmpty();
        Deferred<@Nullable Void> stopped = timer.stopService();
        assertThat(stopped.isCalled()).isTrue();
        assertThat(timer.isRunning()).isFalse();
    }

    @Test
    void canBeStartedAgainAfterStopping() {
        TimerService timer = new TimerService(clock, 2, () -> calls.add(clock.seconds()));
        timer.startService();
        timer.stopService();
        clock.advance(1);

        timer.startService();
        clock.advance(2);

        assertThat(calls).containsExactly(0.0, 1.0, 3.0);
    }

    @Test
    void stoppingAServiceNeverStartedFiresAtOnce() {
        TimerService timer = new TimerService(clock, 2, () -> calls.add(clock.seconds()));

        assertThat(timer.stopService().isCalled()).isTrue();
        assertThat(calls).isEmpty();
    }

    @Test
    void negativeIntervalIsRefused() {
        assertThatThrownBy(() -> new TimerService(clock, -1, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
