package org.twisted4j.internet.task;

/** The {@link CooperativeTask} finished because its iterator ran out, as Twisted's {@code task.TaskDone}. */
public final class TaskDone extends TaskFinished {
    private static final long serialVersionUID = 1L;

    TaskDone() {
        super("the task's iterator has no more elements");
    }
}
