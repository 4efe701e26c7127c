package org.twisted4j.internet.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.outcomes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Outcomes;
import org.twisted4j.defer.Failure;

class CooperatorTest {

    /** Ends every tick after one unit of work. */
    private static final Supplier<BooleanSupplier> ONE_UNIT_PER_TICK = () -> () -> true;

    private final Clock clock = new Clock();
    private final Cooperator cooperator = new Cooperator(clock, ONE_UNIT_PER_TICK);

    /** Runs the tick that is due, and only that one: ticks scheduled during it are TICK_DELAY later. */
    private void tick() {
        clock.advance(1);
    }

    private static Iterator<@Nullable Object> recording(List<Object> log, Object... items) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items.length;
            }

            @Override
            public @Nullable Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object item = items[next++];
                log.add(item);
                return item;
            }
        };
    }

    @Test
    void tasksShareTicksRoundRobin() {
        List<Object> log = new ArrayList<>();
        List<Deferred<Iterator<@Nullable Object>>> done = new ArrayList<>();
        done.add(cooperator.coiterate(recording(log, "a", "b", "c")));
        done.add(cooperator.coiterate(recording(log, 1, 2, 3)));
        done.add(cooperator.coiterate(recording(log, "d", "e", "f")));
        done.add(cooperator.coiterate(recording(log, 4, 5, 6)));
        List<List<@Nullable Object>> fired = done.stream().map(Outcomes::outcomes).toList();

        for (int i = 0; i < 20; i++) {
            tick();
        }

        assertThat(log).containsExactly("a", 1, "d", 4, "b", 2, "e", 5, "c", 3, "f", 6);
        assertThat(fired).allSatisfy(f -> assertThat(f).hasSize(1).first().isInstanceOf(Iterator.class));
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void eachTickDoesUnitsUntilTheTerminationPredicateSaysStop() {
        int[] unitsThisTick = {0};
        Cooperator threePerTick = new Cooperator(clock, () -> {
            unitsThisTick[0] = 0;
            return () -> ++unitsThisTick[0] >= 3;
        });
        List<Object> log = new ArrayList<>();
        threePerTick.coiterate(recording(log, 1, 2, 3, 4, 5, 6, 7));
        threePerTick.coiterate(recording(log, "a", "b"));

        tick();
        assertThat(log).containsExactly(1, "a", 2);
        tick(); // b, 3, then finding the second iterator empty is the third unit
        assertThat(log).containsExactly(1, "a", 2, "b", 3);
        tick();
        assertThat(log).containsExactly(1, "a", 2, "b", 3, 4, 5, 6);
        tick();
        assertThat(log).containsExactly(1, "a", 2, "b", 3, 4, 5, 6, 7);
    }

    @Test
    void defaultCooperatorSchedulesItsTickTickDelayAhead() {
        Cooperator cooperator = new Cooperator(clock);

        cooperator.coiterate(recording(new ArrayList<>(), 1, 2, 3));

        assertThat(clock.getDelayedCalls()).singleElement()
                .satisfies(call -> assertThat(call.getTime()).isEqualTo(Cooperator.TICK_DELAY));
        cooperator.stop();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void predicateThatNeverEndsATickRunsEveryTaskToTheEndInOneTick() {
        Cooperator cooperator = new Cooperator(clock, () -> () -> false);
        List<Object> log = new ArrayList<>();
        List<@Nullable Object> fired = outcomes(cooperator.coiterate(recording(log, 1, 2, 3)));
        cooperator.coiterate(recording(log, "a"));

        clock.advance(Cooperator.TICK_DELAY);

        assertThat(log).containsExactly(1, "a", 2, 3);
        assertThat(fired).hasSize(1);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void yieldedDeferredPausesTheTaskUntilItFires() {
        Deferred<String> gate = new Deferred<>();
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, "before", gate, "after"));

        tick();
        tick();
        assertThat(log).containsExactly("before", gate);
        List<@Nullable Object> gateResult = outcomes(gate);
        tick();
        tick();
        assertThat(log).containsExactly("before", gate);
        assertThat(clock.getDelayedCalls()).isEmpty();

        gate.callback("opened");
        assertThat(log).containsExactly("before", gate);
        tick();
        assertThat(log).containsExactly("before", gate, "after");
        assertThat(gateResult).containsExactly((Object) null);
        assertThat(task.toString()).contains("running");
    }

    @Test
    void yieldedDeferredThatFailsFailsTheTaskWithItsError() {
        Deferred<String> gate = new Deferred<>();
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, gate, "never"));
        List<@Nullable Object> fired = outcomes(task.whenDone());
        tick();

        gate.errback(new IllegalStateException("later"));

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("later"));
        tick();
        assertThat(log).containsExactly(gate);
        assertThatThrownBy(task::stop).isInstanceOf(TaskFailed.class);
    }

    @Test
    void yieldedDeferredAlreadyFailedFailsTheTaskAtOnce() {
        List<Object> log = new ArrayList<>();
        List<@Nullable Object> fired = outcomes(cooperator.coiterate(
                recording(log, Deferred.fail(new IllegalArgumentException("already")), "never")));

        tick();

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("already"));
        tick();
        assertThat(log).hasSize(1);
    }

    @Test
    void iteratorThatThrowsFailsTheTaskWithThatError() {
        Iterator<Object> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                throw new IllegalStateException("broken");
            }
        };
        CooperativeTask<Object> task = cooperator.cooperate(failing);
        List<@Nullable Object> fired = outcomes(task.whenDone());

        tick();

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("broken"));
        assertThatThrownBy(task::stop).isInstanceOf(TaskFailed.class);
        assertThatThrownBy(task::pause).isInstanceOf(TaskFailed.class);
    }

    @Test
    void pausedTaskDoesNoWorkUntilResumedAndResumingDoesNoWorkItself() {
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, 1, 2, 3));
        tick();
        tick();
        assertThat(log).containsExactly(1, 2);

        task.pause();
        tick();
        assertThat(log).containsExactly(1, 2);
        task.resume();
        assertThat(log).containsExactly(1, 2);
        tick();
        assertThat(log).containsExactly(1, 2, 3);
    }

    @Test
    void pausesNestAndNeedAsManyResumes() {
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, 1, 2));

        task.pause();
        task.pause();
        tick();
        task.resume();
        tick();
        assertThat(log).isEmpty();
        task.resume();
        tick();
        assertThat(log).containsExactly(1);
    }

    @Test
    void resumingATaskThatIsNotPausedThrowsNotPaused() {
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(new ArrayList<>(), 1));

        assertThatThrownBy(task::resume).isInstanceOf(NotPaused.class);
        task.pause();
        task.resume();
        assertThatThrownBy(task::resume).isInstanceOf(NotPaused.class);
    }

    @Test
    void pausedWhileWaitingOnADeferredNeedsBothTheDeferredAndAResume() {
        Deferred<String> gate = new Deferred<>();
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, gate, 2));
        tick();

        task.pause();
        tick();
        task.resume();
        tick();
        assertThat(log).containsExactly(gate);

        task.pause();
        gate.callback("x");
        tick();
        assertThat(log).containsExactly(gate);
        task.resume();
        tick();
        assertThat(log).containsExactly(gate, 2);
    }

    @Test
    void whenDoneFiresEachDeferredWithTheIteratorIndependently() {
        Iterator<@Nullable Object> iterator = recording(new ArrayList<>(), 1);
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(iterator);
        Deferred<Iterator<@Nullable Object>> first = task.whenDone();
        Deferred<Iterator<@Nullable Object>> second = task.whenDone();
        List<@Nullable Object> seenFirst = outcomes(first.addCallback(it -> {
            assertThat(it).isSameAs(iterator);
            return "changed by first";
        }));
        List<@Nullable Object> seenSecond = outcomes(second);

        tick();
        tick();

        assertThat(seenFirst).containsExactly("changed by first");
        assertThat(seenSecond).containsExactly(iterator);
        assertThat(outcomes(task.whenDone())).containsExactly(iterator);
        assertThatThrownBy(task::stop).isInstanceOf(TaskDone.class);
    }

    @Test
    void stoppedTaskDoesNoMoreWorkAndWhenDoneFailsWithTaskStopped() {
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, 1, 2));
        List<@Nullable Object> fired = outcomes(task.whenDone());

        task.stop();

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(TaskStopped.class));
        tick();
        assertThat(log).isEmpty();
        assertThatThrownBy(task::stop).isInstanceOf(TaskStopped.class);
        assertThatThrownBy(task::pause).isInstanceOf(TaskStopped.class);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void resumingAPausedTaskThatWasStoppedDoesNothing() {
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, 1));

        task.pause();
        task.stop();
        task.resume();
        tick();

        assertThat(log).isEmpty();
        assertThatThrownBy(task::resume).isInstanceOf(NotPaused.class);
    }

    @Test
    void stoppingATaskWaitingOnADeferredEndsItQuietlyWhenTheDeferredFires() {
        Deferred<Integer> gate = new Deferred<>();
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(log, gate, 2));
        tick();
        List<@Nullable Object> gateResult = outcomes(gate);

        task.stop();
        tick();
        gate.callback(7);
        tick();

        assertThat(gateResult).containsExactly((Object) null);
        assertThat(log).containsExactly(gate);
    }

    @Test
    void stoppingATaskWaitingOnADeferredIgnoresALaterFailureOfIt() {
        Deferred<Integer> gate = new Deferred<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(new ArrayList<>(), gate));
        List<@Nullable Object> fired = outcomes(task.whenDone());
        tick();
        task.stop();

        gate.errback(new IllegalStateException("too late"));

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(TaskStopped.class));
        assertThatThrownBy(task::stop).isInstanceOf(TaskStopped.class);
        assertThat(outcomes(gate)).containsExactly((Object) null);
    }

    @Test
    void removingTheLastTaskCancelsTheTickAndAddingOneSchedulesItAgain() {
        CooperativeTask<@Nullable Object> first = cooperator.cooperate(recording(new ArrayList<>(), 1, 2));
        CooperativeTask<@Nullable Object> second = cooperator.cooperate(recording(new ArrayList<>(), 1, 2));
        assertThat(clock.getDelayedCalls()).hasSize(1);

        first.stop();
        assertThat(clock.getDelayedCalls()).hasSize(1);
        second.stop();
        assertThat(clock.getDelayedCalls()).isEmpty();

        cooperator.cooperate(recording(new ArrayList<>(), 1));
        assertThat(clock.getDelayedCalls()).hasSize(1);
    }

    @Test
    void stoppingTheCooperatorFailsEveryRunningTaskWithSchedulerStopped() {
        List<Object> log = new ArrayList<>();
        CooperativeTask<@Nullable Object> first = cooperator.cooperate(recording(log, 1, 2, 3));
        List<@Nullable Object> firstDone = outcomes(first.whenDone());
        List<@Nullable Object> secondDone = outcomes(cooperator.coiterate(recording(log, 4, 5, 6)));
        tick();

        cooperator.stop();

        assertThat(List.of(firstDone, secondDone)).allSatisfy(fired -> assertThat(fired).singleElement()
                .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value()).isInstanceOf(SchedulerStopped.class)));
        tick();
        assertThat(log).containsExactly(1);
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(cooperator.running()).isFalse();
        assertThatThrownBy(first::pause).isInstanceOf(SchedulerStopped.class);
    }

    @Test
    void stoppedCooperatorFailsNewTasksAtOnceUntilStartedAgain() {
        cooperator.stop();

        List<@Nullable Object> fired = outcomes(cooperator.coiterate(recording(new ArrayList<>(), 1)));
        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(SchedulerStopped.class));

        cooperator.start();
        List<Object> log = new ArrayList<>();
        cooperator.coiterate(recording(log, "again"));
        tick();
        assertThat(log).containsExactly("again");
    }

    @Test
    void taskWaitingOnADeferredWhenTheCooperatorStopsFailsOnceItFires() {
        Deferred<String> gate = new Deferred<>();
        List<@Nullable Object> fired = outcomes(cooperator.coiterate(recording(new ArrayList<>(), gate, "never")));
        tick();

        cooperator.stop();
        assertThat(fired).isEmpty();
        gate.callback("late");

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(SchedulerStopped.class));
    }

    @Test
    void stoppingTheCooperatorFromAWhenDoneCallbackIsSafe() {
        List<Object> phases = new ArrayList<>();
        CooperativeTask<@Nullable Object> task = cooperator.cooperate(recording(new ArrayList<>()));
        task.whenDone().addCallback(iterator -> {
            phases.add("done");
            cooperator.stop();
            phases.add("stopped");
            return null;
        });

        tick();

        assertThat(phases).containsExactly("done", "stopped");
        assertThatThrownBy(task::stop).isInstanceOf(TaskDone.class);
    }

    @Test
    void coiteratingAgainFromACompletionCallbackKeepsOneTickScheduled() {
        List<Integer> pendingTicks = new ArrayList<>();
        List<@Nullable Object> secondDone = new ArrayList<>();
        cooperator.coiterate(recording(new ArrayList<>())).addCallback(ignored -> {
            cooperator.coiterate(recording(new ArrayList<>())).addBoth(secondDone::add);
            return null;
        });

        for (int i = 0; i < 5 && secondDone.isEmpty(); i++) {
            pendingTicks.add(clock.getDelayedCalls().size());
            tick();
        }

        assertThat(secondDone).hasSize(1);
        assertThat(pendingTicks).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
    }

    @Test
    void cooperatorCreatedNotStartedHoldsTasksUntilStarted() {
        Cooperator held = new Cooperator(Cooperator.onClock(clock), ONE_UNIT_PER_TICK, false);
        List<Object> log = new ArrayList<>();
        assertThat(held.running()).isFalse();

        held.coiterate(recording(log, 1));
        tick();
        assertThat(log).isEmpty();
        assertThat(clock.getDelayedCalls()).isEmpty();

        held.start();
        assertThat(held.running()).isTrue();
        tick();
        assertThat(log).containsExactly(1);
        held.stop();
        assertThat(held.running()).isFalse();
    }

    @Test
    void timeSliceRejectsNegativeOrNotANumber() {
        assertThatThrownBy(() -> Cooperator.timeSlice(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cooperator.timeSlice(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cooperator.timeSlice(0).get().getAsBoolean()).isTrue();
        assertThat(Cooperator.timeSlice(3600).get().getAsBoolean()).isFalse();
    }
}
