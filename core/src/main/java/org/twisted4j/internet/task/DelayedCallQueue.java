package org.twisted4j.internet.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;

/**
 * The timed calls of one clock: what {@link ReactorTime#callLater} hands out, kept in the order they are due,
 * and run when their time comes. {@link Clock} and the real reactor both keep their calls in one.
 *
 * <h2>What it is</h2>
 * Each call scheduled here is a {@link DelayedCall} with an absolute due time on the queue's clock. Calls run
 * in order of due time; calls due at the same time run in the order they were scheduled, and keep that place
 * among their equals when {@linkplain DelayedCall#reset reset} or {@linkplain DelayedCall#delay delayed}.
 * Scheduling, cancelling and moving a call each cost O(log n).
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * DelayedCallQueue calls = new DelayedCallQueue(this::seconds, (call, error) -> log.failure(...));
 * DelayedCall call = calls.schedule(seconds() + 2.0, () -> System.out.println("two seconds later"));
 * ...
 * calls.runPass(seconds());                     // a reactor turn: run what is due
 * OptionalDouble wait = calls.timeToNextCall();  // how long the reactor may sleep
 * }</pre>
 *
 * <h2>Two ways to run</h2>
 * <ul>
 *   <li>{@link #runUntil(double)} runs calls until none is due, including calls scheduled or moved during the
 *       run that are already due. This is how {@link Clock#advance} behaves: a call that schedules another
 *       with no delay sees it run in the same advance.
 *   <li>{@link #runPass(double)} is one turn of a reactor: calls scheduled while the pass runs wait for the
 *       next pass even if they are due, so a call that keeps rescheduling itself with no delay cannot keep the
 *       reactor from its I/O.
 * </ul>
 *
 * <h2>Failures</h2>
 * A call that throws does not stop the others: the queue hands the throwable to the {@link FailureHandler}
 * given at construction (a reactor logs it) and goes on with the next call. If the handler itself throws,
 * as {@link #RETHROW} does, the exception leaves the run method and the calls not yet run stay queued. A
 * {@link VirtualMachineError} is never handed to the handler; it leaves the run method at once.
 *
 * <h2>Threading</h2>
 * Reactor thread only: a queue, the calls it hands out and the clock it reads belong to one thread.
 */
public final class DelayedCallQueue {

    /**
     * Told about each call that throws while a {@link DelayedCallQueue} runs it.
     *
     * <p>Called on the thread running the queue, right after the failed call, before the next one runs.
     */
    @FunctionalInterface
    public interface FailureHandler {

        /**
         * Deals with {@code error}, thrown by {@code call}. Throwing from here ends the run in progress: the
         * exception leaves {@link #runUntil} or {@link #runPass}, and the calls not yet run stay queued.
         *
         * @param call the call that failed; it counts as called
         * @param error what it threw
         */
        void callFailed(DelayedCall call, Throwable error);
    }

    /**
     * A handler that throws the call's throwable on, unchanged, out of the run method, as Twisted's
     * {@code Clock.advance} lets it propagate. Calls due after the failed one stay queued for the next run.
     */
    public static final FailureHandler RETHROW = (call, error) -> DelayedCallQueue.<RuntimeException>rethrow(error);

    private final DoubleSupplier clock;
    private final FailureHandler onFailure;
    private final TreeSet<QueuedCall> queued = new TreeSet<>(QueuedCall.ORDER);
    private final List<QueuedCall> arriving = new ArrayList<>();
    private long nextSeq;
    private int passDepth;

    /**
     * Creates an empty queue.
     *
     * @param clock reads the current time, in seconds, on the same clock as the due times; used by
     *     {@link DelayedCall#reset} and {@link #timeToNextCall()}
     * @param onFailure told about each call that throws
     */
    public DelayedCallQueue(DoubleSupplier clock, FailureHandler onFailure) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * Schedules {@code call} to run at {@code time} on this queue's clock. A time already past is due at the
     * next run.
     *
     * @param time when to run it, in seconds on this queue's clock
     * @param call what to run
     * @return the scheduled call, which can be cancelled, reset or delayed until it runs
     * @throws IllegalArgumentException if {@code time} is not a number
     */
    public DelayedCall schedule(double time, Runnable call) {
        checkTime(time);
        Objects.requireNonNull(call, "call");
        if (passDepth > 0) {
            QueuedCall scheduled = new QueuedCall(this, nextSeq++, time, call, QueuedCall.State.ARRIVING);
            arriving.add(scheduled);
            return scheduled;
        }
        QueuedCall scheduled = new QueuedCall(this, nextSeq++, time, call, QueuedCall.State.QUEUED);
        queued.add(scheduled);
        return scheduled;
    }

    /**
     * Runs, in order, every call due at or before {@code now}, checking again after each call: a call
     * scheduled or moved during the run to a time at or before {@code now} runs in this run too (as in
     * Twisted's {@code Clock.advance}). Each call is marked called before it runs, so cancelling it from
     * inside itself throws {@link org.twisted4j.internet.AlreadyCalledException}.
     *
     * @param now the time up to which calls are due
     * @return how many calls ran
     * @throws IllegalArgumentException if {@code now} is not a number
     */
    public int runUntil(double now) {
        checkTime(now);
        int ran = 0;
        for (QueuedCall next = first(); next != null && next.time <= now; next = first()) {
            queued.pollFirst();
            invoke(next);
            ran++;
        }
        return ran;
    }

    /**
     * Runs one reactor pass: in order, the calls due at or before {@code now} that were scheduled before the
     * pass began. Calls scheduled during the pass join the queue when it ends and wait for the next pass,
     * even if already due (as in Twisted's {@code runUntilCurrent}). A call moved by
     * {@link DelayedCall#reset} or {@link DelayedCall#delay} during the pass keeps its place in it, and
     * runs in it if its new time is at or before {@code now}.
     *
     * @param now the time up to which calls are due, normally the clock's reading at the start of the pass
     * @return how many calls ran
     * @throws IllegalArgumentException if {@code now} is not a number
     */
    public int runPass(double now) {
        checkTime(now);
        passDepth++;
        try {
            return runUntil(now);
        } finally {
            if (--passDepth == 0) {
                admitArrivals();
            }
        }
    }

    /** Returns the due time of the earliest call, or nothing if no call is scheduled. */
    public OptionalDouble nextCallTime() {
        QueuedCall first = first();
        double earliest = first == null ? Double.POSITIVE_INFINITY : first.time;
        boolean any = first != null;
        for (QueuedCall call : arriving) {
            if (call.state == QueuedCall.State.ARRIVING) {
                earliest = Math.min(earliest, call.time);
                any = true;
            }
        }
        return any ? OptionalDouble.of(earliest) : OptionalDouble.empty();
    }

    /**
     * Returns how long from the clock's current reading until the earliest call is due: zero if it is
     * already due, nothing if no call is scheduled. A reactor sleeps at most this long waiting for I/O.
     */
    public OptionalDouble timeToNextCall() {
        OptionalDouble next = nextCallTime();
        return next.isEmpty() ? next : OptionalDouble.of(Math.max(0.0, next.getAsDouble() - now()));
    }

    /** Returns the calls scheduled and neither run nor cancelled, in the order they would run. */
    public List<DelayedCall> getDelayedCalls() {
        List<QueuedCall> calls = new ArrayList<>(queued);
        boolean anyArriving = false;
        for (QueuedCall call : arriving) {
            if (call.state == QueuedCall.State.ARRIVING) {
                calls.add(call);
                anyArriving = true;
            }
        }
        if (anyArriving) {
            calls.sort(QueuedCall.ORDER);
        }
        return List.copyOf(calls);
    }

    /** Returns how many calls are scheduled and neither run nor cancelled. */
    public int size() {
        int size = queued.size();
        for (QueuedCall call : arriving) {
            if (call.state == QueuedCall.State.ARRIVING) {
                size++;
            }
        }
        return size;
    }

    /** Returns whether no call is scheduled. */
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public String toString() {
        return "DelayedCallQueue[" + size() + " calls]";
    }

    double now() {
        return clock.getAsDouble();
    }

    /** Takes {@code call}, which is active, out of the queue for good. */
    void cancel(QueuedCall call) {
        if (call.state == QueuedCall.State.QUEUED) {
            queued.remove(call);
        }
        // An arriving call stays in the arrivals list and is dropped when the pass ends.
        call.state = QueuedCall.State.CANCELLED;
    }

    /** Moves {@code call}, which is active, to {@code time}, keeping its place among calls due then. */
    void move(QueuedCall call, double time) {
        checkTime(time);
        if (call.state == QueuedCall.State.QUEUED) {
            queued.remove(call);
            call.time = time;
            queued.add(call);
        } else {
            call.time = time;
        }
    }

    private @Nullable QueuedCall first() {
        return queued.isEmpty() ? null : queued.first();
    }

    private void invoke(QueuedCall call) {
        Runnable runnable = call.take();
        try {
            runnable.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            onFailure.callFailed(call, error);
        }
    }

    private void admitArrivals() {
        for (QueuedCall call : arriving) {
            if (call.state == QueuedCall.State.ARRIVING) {
                call.state = QueuedCall.State.QUEUED;
                queued.add(call);
            }
        }
        arriving.clear();
    }

    private static void checkTime(double time) {
        if (Double.isNaN(time)) {
            throw new IllegalArgumentException("a time must be a number, not NaN");
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void rethrow(Throwable error) throws E {
        throw (E) error;
    }
}
