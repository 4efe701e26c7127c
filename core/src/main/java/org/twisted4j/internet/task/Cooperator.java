package org.twisted4j.internet.task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * Runs long jobs a little at a time on the reactor thread, sharing it round-robin between them, as Twisted's
 * {@code task.Cooperator}.
 *
 * <h2>What it is</h2>
 * A cooperative task is an {@link Iterator} whose every {@code next()} is one small unit of work. On each
 * tick the cooperator takes elements from its tasks in turn, one per task per round, until the tick's time
 * slice is used up, then schedules the next tick, so other events get their turn in between. An element
 * that is a {@link Deferred} pauses its task until the Deferred fires, which makes a cooperator also a way
 * to run asynchronous steps one after another, or to bound how many run at once.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * Cooperator cooperator = new Cooperator(reactor);
 * Iterator<Void> work = IntStream.range(0, 1_000_000)
 *     .<Void>mapToObj(i -> { process(i); return null; })
 *     .iterator();
 * cooperator.coiterate(work).addCallback(done -> { log.info("processed everything"); return null; });
 * }</pre>
 * {@link #cooperate} returns a {@link CooperativeTask}, which can also be paused, resumed and stopped.
 *
 * <h2>Ticks</h2>
 * By default a tick runs for at most {@link #DEFAULT_TIME_SLICE} seconds of real time and the next tick is
 * scheduled {@link #TICK_DELAY} seconds later on the reactor. Both can be replaced: a
 * {@linkplain #Cooperator(Scheduler, Supplier, boolean) termination predicate factory} is asked at the start
 * of each tick for a predicate that is checked after each unit of work and ends the tick when it returns
 * true; a {@link Scheduler} arranges for the next tick to run. Tests pass {@code () -> () -> true} for one
 * unit of work per tick and drive ticks with a {@link Clock}.
 *
 * <h2>Threading</h2>
 * Reactor thread only: a cooperator, its tasks and their iterators run on the thread of its scheduler.
 */
public final class Cooperator {

    /** The longest a tick runs by default, in seconds of real time: a hundredth of a second. */
    public static final double DEFAULT_TIME_SLICE = 0.01;

    /** How long after a tick the next one is scheduled by default, in seconds: a hundred-millionth. */
    public static final double TICK_DELAY = 1e-8;

    /** Arranges for a cooperator's tick to run later, as Twisted's cooperator {@code scheduler} argument. */
    @FunctionalInterface
    public interface Scheduler {

        /**
         * Schedules {@code tick} to run once, later.
         *
         * @param tick the cooperator's tick
         * @return the scheduled call; the cooperator cancels it when it has no more work
         */
        DelayedCall schedule(Runnable tick);
    }

    private final Supplier<? extends BooleanSupplier> terminationPredicateFactory;
    private final Scheduler scheduler;
    private final List<CooperativeTask<?>> tasks = new ArrayList<>();
    private Cursor cursor = new Cursor(List.of());
    private @Nullable DelayedCall delayedCall;
    private boolean started;
    private boolean stopped;
    private boolean mustScheduleOnStart;

    /**
     * Creates a running cooperator whose ticks run for up to {@link #DEFAULT_TIME_SLICE} and are scheduled
     * on {@code clock}.
     *
     * @param clock the reactor (or {@link Clock}) that schedules ticks
     */
    public Cooperator(ReactorTime clock) {
        this(clock, timeSlice(DEFAULT_TIME_SLICE));
    }

    /**
     * Creates a running cooperator whose ticks are scheduled on {@code clock}, {@link #TICK_DELAY} apart.
     *
     * @param clock the reactor (or {@link Clock}) that schedules ticks
     * @param terminationPredicateFactory asked at the start of each tick for a predicate that ends the tick
     *     when it returns true; it is checked after each unit of work
     */
    public Cooperator(ReactorTime clock, Supplier<? extends BooleanSupplier> terminationPredicateFactory) {
        this(onClock(clock), terminationPredicateFactory, true);
    }

    /**
     * Creates a cooperator with its scheduling spelled out.
     *
     * @param scheduler schedules each tick
     * @param terminationPredicateFactory asked at the start of each tick for a predicate that ends the tick
     *     when it returns true; it is checked after each unit of work
     * @param started whether to work on tasks as soon as they are added, or to hold them until
     *     {@link #start}
     */
    public Cooperator(
            Scheduler scheduler, Supplier<? extends BooleanSupplier> terminationPredicateFactory, boolean started) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.terminationPredicateFactory =
                Objects.requireNonNull(terminationPredicateFactory, "terminationPredicateFactory");
        this.started = started;
    }

    /**
     * Returns a termination predicate factory whose predicates end a tick once {@code seconds} of real time
     * (measured with {@link System#nanoTime}) have passed since the tick began.
     *
     * @param seconds the longest a tick may run
     * @return the factory
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public static Supplier<BooleanSupplier> timeSlice(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("a time slice must be zero or more seconds, not " + seconds);
        }
        long nanos = (long) (seconds * 1e9);
        return () -> {
            long end = System.nanoTime() + nanos;
            return () -> System.nanoTime() - end >= 0;
        };
    }

    /**
     * Returns a scheduler that runs each tick {@link #TICK_DELAY} seconds later on {@code clock}.
     *
     * @param clock the reactor (or {@link Clock}) to schedule on
     * @return the scheduler
     */
    public static Scheduler onClock(ReactorTime clock) {
        Objects.requireNonNull(clock, "clock");
        return tick -> clock.callLater(TICK_DELAY, tick);
    }

    /**
     * Adds {@code iterator} as a task, as {@link #cooperate}, and returns a Deferred that fires with the
     * iterator when it has run out, or fails with what ended it (see {@link CooperativeTask#whenDone()}).
     * If this cooperator is stopped, the Deferred has already failed with {@link SchedulerStopped}.
     *
     * @param <T> the type of the iterator's elements
     * @param iterator the work, one unit per element
     * @return a Deferred of the task's end
     */
    public <T extends @Nullable Object> Deferred<Iterator<T>> coiterate(Iterator<T> iterator) {
        return cooperate(iterator).whenDone();
    }

    /**
     * Adds {@code iterator} as a long-running task: from the next tick on, one element is taken from it per
     * round. If this cooperator is stopped, the task has already failed with {@link SchedulerStopped}.
     *
     * @param <T> the type of the iterator's elements
     * @param iterator the work, one unit per element; an element that is a {@link Deferred} pauses the task
     *     until it fires
     * @return the task, which can be paused, resumed, stopped and waited on
     */
    public <T extends @Nullable Object> CooperativeTask<T> cooperate(Iterator<T> iterator) {
        CooperativeTask<T> task = new CooperativeTask<>(Objects.requireNonNull(iterator, "iterator"), this);
        addTask(task);
        return task;
    }

    /**
     * Starts (or, after {@link #stop}, restarts) working on tasks added from now on, and on tasks held
     * since creation with {@code started} false.
     */
    public void start() {
        stopped = false;
        started = true;
        if (mustScheduleOnStart) {
            mustScheduleOnStart = false;
            reschedule();
        }
    }

    /**
     * Stops this cooperator: every task it is running fails with {@link SchedulerStopped} and is forgotten,
     * the next tick is cancelled, and tasks added later fail at once until {@link #start} is called. A task
     * paused at this moment (by {@link CooperativeTask#pause} or waiting on a Deferred) fails when it
     * resumes.
     */
    public void stop() {
        stopped = true;
        for (CooperativeTask<?> task : List.copyOf(tasks)) {
            task.schedulerStopped();
        }
        tasks.clear();
        cursor = new Cursor(List.of());
        cancelTick();
    }

    /** Returns whether this cooperator is working on tasks: started and not stopped. */
    public boolean running() {
        return started && !stopped;
    }

    @Override
    public String toString() {
        return "Cooperator[" + (running() ? "running" : "not running") + ", " + tasks.size() + " tasks]";
    }

    void addTask(CooperativeTask<?> task) {
        tasks.add(task);
        if (stopped) {
            task.schedulerStopped(); // which takes it out again
        } else {
            reschedule();
        }
    }

    void removeTask(CooperativeTask<?> task) {
        tasks.remove(task);
        if (tasks.isEmpty()) {
            cancelTick();
        }
    }

    /** Does the work of one tick: rounds over the tasks until the termination predicate says stop. */
    private void tick() {
        delayedCall = null;
        BooleanSupplier terminator = terminationPredicateFactory.get();
        rounds:
        while (!tasks.isEmpty()) {
            for (CooperativeTask<?> task = cursor.next(); task != null; task = cursor.next()) {
                task.oneWorkUnit();
                if (terminator.getAsBoolean()) {
                    break rounds;
                }
            }
            cursor = new Cursor(tasks);
        }
        reschedule();
    }

    private void reschedule() {
        if (!started) {
            mustScheduleOnStart = true;
            return;
        }
        if (delayedCall == null && !tasks.isEmpty()) {
            delayedCall = scheduler.schedule(this::tick);
        }
    }

    private void cancelTick() {
        DelayedCall pending = delayedCall;
        delayedCall = null;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
    }

    /**
     * Walks the live task list by index, so that one round carries on where the last tick left it, even as
     * tasks are added (they join the current round) or removed. Once past the end it stays exhausted.
     */
    private static final class Cursor {
        private final List<CooperativeTask<?>> list;
        private int index;
        private boolean exhausted;

        Cursor(List<CooperativeTask<?>> list) {
            this.list = list;
        }

        @Nullable CooperativeTask<?> next() {
            if (exhausted || index >= list.size()) {
                exhausted = true;
                return null;
            }
            return list.get(index++);
        }
    }
}
