package org.twisted4j.mail.relay;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.task.Clock;

/** A reactor for tests: time from a {@link Clock}, "threaded" work run at once on the caller's thread. */
final class InlineReactor implements ReactorTime, ReactorThreads {

    final Clock clock = new Clock();

    @Override
    public DelayedCall callLater(double delaySeconds, Runnable call) {
        return clock.callLater(delaySeconds, call);
    }

    @Override
    public double seconds() {
        return clock.seconds();
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        return clock.getDelayedCalls();
    }

    void advance(double seconds) {
        clock.advance(seconds);
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
