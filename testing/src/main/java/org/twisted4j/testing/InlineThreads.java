package org.twisted4j.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;

/**
 * A {@link ReactorThreads} for tests that runs "threaded" work at once on the caller's thread: code that
 * defers blocking work (file I/O, a password hash) to a thread then runs deterministically, its Deferred
 * already fired when the call returns. Pair it with a {@link org.twisted4j.internet.task.Clock} or
 * {@link MemoryReactor} for time.
 *
 * <pre>{@code
 * MaildirDomains domains = new MaildirDomains(InlineThreads.INSTANCE);
 * }</pre>
 *
 * <p>Stateless; any thread.
 */
public class InlineThreads implements ReactorThreads {

    /** The shared instance. */
    public static final InlineThreads INSTANCE = new InlineThreads();

    /** Creates one; subclasses add what else their tests need (time, for example). */
    protected InlineThreads() {
    }

    @Override
    public void callFromThread(Runnable call) {
        call.run();
    }

    @Override
    public void callInThread(Runnable call) {
        call.run();
    }

    @Override
    public <T> Deferred<T> deferToThread(Callable<? extends T> work) {
        try {
            return Deferred.succeed(work.call());
        } catch (Exception e) {
            return Deferred.fail(e);
        }
    }

    @Override
    public <T> Deferred<T> deferToThreadPool(Executor pool, Callable<? extends T> work) {
        return deferToThread(work);
    }
}
