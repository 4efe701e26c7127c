package org.twisted4j.internet.task;

/**
 * An operation on a {@link Cooperator} or one of its {@link CooperativeTask}s could not be done because of
 * the state it is in, as Twisted's {@code task.SchedulerError}. Only its subclasses are thrown.
 */
public abstract sealed class SchedulerError extends RuntimeException permits SchedulerStopped, TaskFinished, NotPaused {
    private static final long serialVersionUID = 1L;

    SchedulerError(String message) {
        super(message);
    }
}
