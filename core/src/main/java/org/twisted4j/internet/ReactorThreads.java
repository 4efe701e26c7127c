package org.twisted4j.internet;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Crossing between the reactor's thread and others, as Twisted's {@code IReactorThreads} and
 * {@code twisted.internet.threads}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * // on the reactor thread: run blocking work elsewhere, get the result back here
 * reactor.deferToThread(() -> Files.readString(path))
 *        .addCallback(text -> { transport().write(text.getBytes(UTF_8)); return null; });
 *
 * // on any other thread: hand work to the reactor
 * reactor.callFromThread(() -> protocol.transport().write(reply));
 * }</pre>
 *
 * <h2>Threading</h2>
 * As each method says: {@link #callFromThread} from any thread, the others from the reactor's thread.
 */
public interface ReactorThreads {

    /**
     * Runs {@code call} on the reactor's thread, soon, waking the reactor if it waits. The only safe way
     * for another thread to reach protocols and transports. Calls run in the order they were made. Any
     * thread.
     *
     * @param call what to run; an exception it throws is logged
     */
    void callFromThread(Runnable call);

    /**
     * Runs {@code call} on a thread other than the reactor's (a virtual thread). It must not touch
     * protocols or transports except through {@link #callFromThread}. Reactor thread only.
     *
     * @param call what to run; an exception it throws is logged
     */
    void callInThread(Runnable call);

    /**
     * Runs {@code work} on a thread other than the reactor's and delivers its outcome on the reactor's
     * thread. Reactor thread only.
     *
     * @param work the blocking work; it must not touch protocols or transports
     * @param <T> the type of its result
     * @return fires, on the reactor's thread, with what {@code work} returned or fails with what it threw
     */
    <T extends @Nullable Object> Deferred<T> deferToThread(Callable<? extends T> work);

    /**
     * Runs {@code work} on {@code pool} and delivers its outcome on the reactor's thread, as Twisted's
     * {@code deferToThreadPool}: for work that must be bounded, such as calls to a database with a fixed
     * number of connections. Any {@link Executor} will do, e.g. {@code Executors.newFixedThreadPool(4)};
     * the caller owns it and shuts it down. Reactor thread only.
     *
     * @param pool where to run {@code work}
     * @param work the blocking work; it must not touch protocols or transports
     * @param <T> the type of its result
     * @return fires, on the reactor's thread, with what {@code work} returned or fails with what it threw;
     *     fails at once with the {@link java.util.concurrent.RejectedExecutionException} if {@code pool}
     *     refuses the work
     */
    default <T extends @Nullable Object> Deferred<T> deferToThreadPool(Executor pool, Callable<? extends T> work) {
        Deferred<T> result = new Deferred<>();
        try {
            pool.execute(() -> {
                try {
                    T value = work.call();
                    callFromThread(() -> result.callback(value));
                } catch (Throwable error) {
                    callFromThread(() -> result.errback(error));
                }
            });
        } catch (RuntimeException refused) {
            result.errback(refused);
        }
        return result;
    }
}
