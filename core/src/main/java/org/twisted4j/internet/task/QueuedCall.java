package org.twisted4j.internet.task;

import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.AlreadyCalledException;
import org.twisted4j.internet.AlreadyCancelledException;
import org.twisted4j.internet.DelayedCall;

/**
 * The {@link DelayedCall} that a {@link DelayedCallQueue} hands out: the runnable, its due time and where it
 * stands. All changes go through the owning queue, which keeps its ordering in step.
 */
final class QueuedCall implements DelayedCall {

    /** Orders calls by due time, then by the order they were scheduled in. */
    static final Comparator<QueuedCall> ORDER =
            Comparator.<QueuedCall>comparingDouble(call -> call.time).thenComparingLong(call -> call.seq);

    /** Where a call stands. */
    enum State {
        /** Waiting in the queue's ordered set. */
        QUEUED,
        /** Scheduled during a reactor pass; joins the ordered set when the pass ends. */
        ARRIVING,
        /** Has been run (or is running). */
        CALLED,
        /** Was cancelled before it ran. */
        CANCELLED
    }

    private final DelayedCallQueue queue;
    final long seq;
    double time;
    State state;
    private @Nullable Runnable runnable;

    QueuedCall(DelayedCallQueue queue, long seq, double time, Runnable runnable, State state) {
        this.queue = queue;
        this.seq = seq;
        this.time = time;
        this.runnable = runnable;
        this.state = state;
    }

    /** Marks this call as called and hands over its runnable, which it no longer keeps. */
    Runnable take() {
        Runnable r = runnable;
        if (r == null) {
            throw new IllegalStateException("run twice: " + this);
        }
        runnable = null;
        state = State.CALLED;
        return r;
    }

    @Override
    public double getTime() {
        return time;
    }

    @Override
    public void cancel() {
        checkActive();
        queue.cancel(this);
        runnable = null;
    }

    @Override
    public void reset(double secondsFromNow) {
        checkActive();
        queue.move(this, queue.now() + secondsFromNow);
    }

    @Override
    public void delay(double seconds) {
        checkActive();
        queue.move(this, time + seconds);
    }

    @Override
    public boolean active() {
        return state == State.QUEUED || state == State.ARRIVING;
    }

    private void checkActive() {
        switch (state) {
            case CALLED -> throw new AlreadyCalledException(toString());
            case CANCELLED -> throw new AlreadyCancelledException(toString());
            case QUEUED, ARRIVING -> { }
        }
    }

    @Override
    public String toString() {
        String what = runnable == null ? "" : ", " + runnable;
        String where = switch (state) {
            case QUEUED, ARRIVING -> "due in " + (time - queue.now()) + "s";
            case CALLED -> "called";
            case CANCELLED -> "cancelled";
        };
        return "DelayedCall[at " + time + ", " + where + what + "]";
    }
}
