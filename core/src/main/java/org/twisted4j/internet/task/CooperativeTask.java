package org.twisted4j.internet.task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

/**
 * One iterator being worked through by a {@link Cooperator}, one element per unit of work, as Twisted's
 * {@code task.CooperativeTask}. It can be paused, resumed and stopped, and its end waited on.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * CooperativeTask<Row> task = cooperator.cooperate(rows.iterator());   // each next() is one unit of work
 * task.whenDone().addCallback(iterator -> { log.info("all rows written"); return null; });
 * task.pause();    // e.g. while the consumer is full
 * task.resume();
 * }</pre>
 *
 * <h2>States</h2>
 * A task is running or paused until it finishes, which happens once: its iterator runs out (done), its
 * iterator throws or a Deferred it yielded fails (failed), {@link #stop} is called (stopped), or its
 * cooperator is stopped. After that, {@link #pause} and {@link #stop} throw the matching
 * {@link SchedulerError}: {@link TaskDone}, {@link TaskFailed}, {@link TaskStopped} or
 * {@link SchedulerStopped}. Pauses nest: each {@link #pause} needs its own {@link #resume}.
 *
 * <h2>Deferreds in the iterator</h2>
 * When the iterator produces a {@link Deferred}, the task pauses until it fires; then it resumes. If that
 * Deferred fails, the task fails with its error. The Deferred's result is consumed: it ends as null.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like its {@link Cooperator}.
 *
 * @param <T> the type of the iterator's elements
 */
public final class CooperativeTask<T extends @Nullable Object> {

    /** How a task finished. */
    private enum Completion {
        DONE, STOPPED, FAILED, SCHEDULER_STOPPED
    }

    private final Iterator<T> iterator;
    private final Cooperator cooperator;
    private final List<Deferred<Iterator<T>>> waiting = new ArrayList<>(1);
    private int pauseCount;
    private @Nullable Completion completion;
    private @Nullable Failure failure;

    CooperativeTask(Iterator<T> iterator, Cooperator cooperator) {
        this.iterator = iterator;
        this.cooperator = cooperator;
    }

    /**
     * Returns a new Deferred that fires with this task's iterator once the iterator has run out, or fails with
     * the error that ended the task: what the iterator threw, the failure of a Deferred it produced,
     * {@link TaskStopped} or {@link SchedulerStopped}. A task already finished gives a Deferred already
     * fired. Each call returns a Deferred of its own, so callbacks on one do not change what another gets.
     *
     * @return a Deferred of this task's end
     */
    public Deferred<Iterator<T>> whenDone() {
        Deferred<Iterator<T>> d = new Deferred<>();
        if (completion == null) {
            waiting.add(d);
        } else {
            fire(d);
        }
        return d;
    }

    /**
     * Stops doing work for this task until {@link #resume} has been called as many times as this.
     *
     * @throws TaskFinished (or {@link SchedulerStopped}) if this task has finished
     */
    public void pause() {
        checkNotFinished();
        pauseCount++;
        if (pauseCount == 1) {
            cooperator.removeTask(this);
        }
    }

    /**
     * Undoes one {@link #pause}; once every pause is undone the task does work again on its cooperator's
     * next tick. Resuming a task that finished while paused only counts the pause down.
     *
     * @throws NotPaused if this task is not paused
     */
    public void resume() {
        if (pauseCount == 0) {
            throw new NotPaused();
        }
        pauseCount--;
        if (pauseCount == 0 && completion == null) {
            cooperator.addTask(this);
        }
    }

    /**
     * Stops this task for good: no more elements are taken from its iterator, and its {@link #whenDone()}
     * Deferreds fail with {@link TaskStopped}.
     *
     * @throws TaskFinished (or {@link SchedulerStopped}) if this task has already finished
     */
    public void stop() {
        checkNotFinished();
        completeWith(Completion.STOPPED, new Failure(new TaskStopped()));
    }

    @Override
    public String toString() {
        String state = completion != null ? completion.name().toLowerCase(java.util.Locale.ROOT)
                : pauseCount > 0 ? "paused" : "running";
        return "CooperativeTask[" + state + ", " + iterator + "]";
    }

    /** Fails this task with {@link SchedulerStopped}, because its cooperator stopped. */
    void schedulerStopped() {
        completeWith(Completion.SCHEDULER_STOPPED, new Failure(new SchedulerStopped()));
    }

    /** Does one unit of work: takes one element, finishing if there is none, pausing if it is a Deferred. */
    void oneWorkUnit() {
        Object element;
        try {
            if (!iterator.hasNext()) {
                completeWith(Completion.DONE, null);
                return;
            }
            element = iterator.next();
        } catch (Throwable error) {
            completeWith(Completion.FAILED, new Failure(error));
            return;
        }
        if (element instanceof Deferred<?> d) {
            pause();
            d.addCallbacks(ignored -> {
                resume();
                return null;
            }, error -> {
                // A task stopped while waiting has already finished; the late failure changes nothing.
                if (completion == null) {
                    completeWith(Completion.FAILED, error);
                }
                return null;
            });
        }
    }

    private void completeWith(Completion how, @Nullable Failure result) {
        completion = how;
        failure = result;
        if (pauseCount == 0) {
            cooperator.removeTask(this);
        }
        // Fire only now that this task is out of its cooperator: a callback may stop the cooperator.
        List<Deferred<Iterator<T>>> toFire = new ArrayList<>(waiting);
        waiting.clear();
        for (Deferred<Iterator<T>> d : toFire) {
            fire(d);
        }
    }

    private void fire(Deferred<Iterator<T>> d) {
        Failure f = failure;
        if (f == null) {
            d.callback(iterator);
        } else {
            d.errback(f);
        }
    }

    private void checkNotFinished() {
        Completion how = completion;
        if (how != null) {
            throw switch (how) {
                case DONE -> new TaskDone();
                case STOPPED -> new TaskStopped();
                case FAILED -> new TaskFailed();
                case SCHEDULER_STOPPED -> new SchedulerStopped();
            };
        }
    }
}
