package org.twisted4j.internet.task;

/**
 * The {@link CooperativeTask} has already finished for good (completed, stopped or failed), so it cannot be
 * paused or stopped, as Twisted's {@code task.TaskFinished}. The subclass says how it finished.
 */
public abstract sealed class TaskFinished extends SchedulerError permits TaskDone, TaskStopped, TaskFailed {
    private static final long serialVersionUID = 1L;

    TaskFinished(String message) {
        super(message);
    }
}
