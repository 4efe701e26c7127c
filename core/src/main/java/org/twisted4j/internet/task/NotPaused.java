package org.twisted4j.internet.task;

/**
 * {@link CooperativeTask#resume()} was called on a task that is not paused, as Twisted's
 * {@code task.NotPaused}.
 */
public final class NotPaused extends SchedulerError {
    private static final long serialVersionUID = 1L;

    NotPaused() {
        super("the task is not paused");
    }
}
