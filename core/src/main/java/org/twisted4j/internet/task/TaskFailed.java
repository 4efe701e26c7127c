package org.twisted4j.internet.task;

/**
 * The {@link CooperativeTask} ended because its iterator threw, or a Deferred it produced failed, as Twisted's
 * {@code task.TaskFailed}. Its {@link CooperativeTask#whenDone()} Deferreds fail with that error itself.
 */
public final class TaskFailed extends TaskFinished {
    private static final long serialVersionUID = 1L;

    TaskFailed() {
        super("the task failed");
    }
}
