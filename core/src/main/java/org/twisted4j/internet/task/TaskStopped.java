package org.twisted4j.internet.task;

/**
 * The {@link CooperativeTask} was stopped by {@link CooperativeTask#stop()}, as Twisted's
 * {@code task.TaskStopped}. Its {@link CooperativeTask#whenDone()} Deferreds fail with it.
 */
public final class TaskStopped extends TaskFinished {
    private static final long serialVersionUID = 1L;

    TaskStopped() {
        super("the task was stopped");
    }
}
