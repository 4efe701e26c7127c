package org.twisted4j.conch.sftp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;

/**
 * A {@link ReactorThreads} for tests: work handed to the pool waits until the test runs it, in the order it
 * chooses, on the test's thread (which plays the reactor thread too).
 */
final class QueuedThreads implements ReactorThreads {
    private final List<Runnable> pending = new ArrayList<>();
    private final List<Runnable> reactorCalls = new ArrayList<>();
    private boolean holdReactorCalls;

    @Override
    public void callFromThread(Runnable call) {
        if (holdReactorCalls) {
            reactorCalls.add(call);
        } else {
            call.run();
        }
    }

    /** From now on, calls handed to the reactor thread wait for {@link #runReactorCalls}, as on a busy reactor. */
    void holdReactorCalls() {
        holdReactorCalls = true;
    }

    /** How many calls wait for the reactor thread. */
    int reactorCallsWaiting() {
        return reactorCalls.size();
    }

    /** Runs the calls waiting for the reactor thread, oldest first. */
    void runReactorCalls() {
        while (!reactorCalls.isEmpty()) {
            reactorCalls.remove(0).run();
        }
    }

    @Override
    public void callInThread(Runnable call) {
        pending.add(call);
    }

    @Override
    public <T extends @Nullable Object> Deferred<T> deferToThread(Callable<? extends T> work) {
        Deferred<T> result = new Deferred<>();
        pending.add(() -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                result.errback(e);
                return;
            }
            result.callback(value);
        });
        return result;
    }

    /** How much work waits. */
    int waiting() {
        return pending.size();
    }

    /** Runs the newest waiting piece of work (so replies come in reverse order). */
    void runNewest() {
        pending.remove(pending.size() - 1).run();
    }

    /** Runs everything, oldest first, including work queued meanwhile. */
    void runAll() {
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
    }
}
