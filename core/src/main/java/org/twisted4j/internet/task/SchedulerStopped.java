package org.twisted4j.internet.task;

/**
 * The {@link Cooperator} was stopped, so a task's work was cut short or never started, as Twisted's
 * {@code task.SchedulerStopped}. The {@link CooperativeTask#whenDone()} Deferreds of such tasks fail with it,
 * and their operations throw it.
 */
public final class SchedulerStopped extends SchedulerError {
    private static final long serialVersionUID = 1L;

    SchedulerStopped() {
        super("the Cooperator was stopped");
    }
}
