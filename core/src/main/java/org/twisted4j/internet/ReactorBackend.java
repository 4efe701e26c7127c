package org.twisted4j.internet;

import java.util.concurrent.Callable;

/**
 * A complete reactor that a program can run: core's {@link NioReactor}, or one of the native backends a
 * {@link ReactorProvider} adds (epoll and io_uring in {@code twisted4j-nativeio}), as Twisted's choice of
 * reactor. Every backend keeps the same contract: one thread runs every callback, timed calls on the
 * reactor's own monotonic clock, the crossings between threads, TCP and UNIX stream transports with
 * producers, half-close and abort, UDP ports with their multicast controls, and child processes (every
 * backend starts them with {@link Processes#spawn}), so protocol code and TLS over it do not know which backend they run on. Standard I/O
 * ({@link StandardIO}) works on any of them.
 *
 * <h2>Getting one</h2>
 * <pre>{@code
 * ReactorBackend reactor = Reactors.create("epoll");   // NIO, with one log line, where epoll cannot load
 * reactor.callWhenRunning(() -> reactor.listenTCP(8080, Factory.forProtocol(Echo::new)));
 * reactor.run(true);
 * }</pre>
 *
 * <h2>Threading</h2>
 * {@link #callFromThread}, {@link #stop()}, {@link #wakeUp()}, {@link #isRunning()},
 * {@link #isInReactorThread()} and {@link #blockingCallFromThread} may be called from any thread;
 * everything else on the reactor's thread only (or, before {@code run()}, on the thread that will run it).
 */
public interface ReactorBackend extends ReactorCore, ReactorTime, ReactorThreads, ReactorTCP, ReactorUnix,
        ReactorUDP, ReactorMulticast, ReactorProcess {

    /**
     * Returns the name this backend is chosen by: {@code nio}, {@code epoll}, {@code io_uring}. Any thread.
     */
    String backendName();

    /**
     * Runs the reactor as {@link #run()} does; with {@code installSignalHandlers}, SIGINT and SIGTERM stop it
     * through its shutdown triggers and this method returns, as {@link NioReactor#run(boolean)} describes.
     *
     * @param installSignalHandlers whether SIGINT and SIGTERM should stop the reactor cleanly
     */
    void run(boolean installSignalHandlers);

    /**
     * Runs {@code call} on the reactor's thread and waits for its outcome (waiting for a Deferred it
     * returns), as Twisted's {@code blockingCallFromThread}. Any thread but the reactor's.
     *
     * @param call what to run on the reactor's thread; it may return a {@link org.twisted4j.defer.Deferred}
     * @param <T> the type of the result
     * @return what {@code call} returned, or the result of the Deferred it returned
     * @throws IllegalStateException if called on the reactor's thread
     * @throws ReactorNotRunning if the reactor has stopped, or stops before running {@code call}
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws Exception what {@code call} threw, or what the Deferred it returned failed with
     */
    <T> T blockingCallFromThread(Callable<?> call) throws Exception;

    /** Returns whether the calling code runs on this reactor's thread. Any thread. */
    boolean isInReactorThread();

    /** Wakes the reactor if it waits for I/O, so that it takes another turn. Any thread. */
    void wakeUp();
}
