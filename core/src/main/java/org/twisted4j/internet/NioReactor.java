package org.twisted4j.internet;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.DelayedCallQueue;

/**
 * The reactor for real networking: a single-threaded event loop over a {@link Selector} (epoll on Linux)
 * with TCP and UNIX socket servers and clients, UDP ports with multicast, timed calls on the monotonic clock and the crossings between threads, as
 * Twisted's default reactor.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * NioReactor reactor = new NioReactor();
 * reactor.callWhenRunning(() -> reactor.listenTCP(8080, Factory.forProtocol(Echo::new)));
 * reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, () -> log.info("bye"));
 * reactor.run();                    // this thread is the reactor's until stop()
 * }</pre>
 *
 * <h2>Threading</h2>
 * {@link #run()} makes the calling thread the reactor's thread. {@link #callFromThread}, {@link #stop()},
 * {@link #wakeUp()}, {@link #isRunning()} and {@link #blockingCallFromThread} may be called from any
 * thread; everything else on the reactor's thread only (or, before {@code run()}, on the thread that will
 * run it). A {@link Coroutine} body driven by the reactor's thread counts as that thread, since it runs only
 * while the thread waits for it. Methods that open ports or connections, or schedule calls, check this and
 * throw {@link IllegalStateException} when called from another thread while the reactor runs.
 *
 * <h2>Buffers</h2>
 * Reads land in a direct buffer shared by every connection of this reactor; a protocol's
 * {@code dataReceived} gets a view of it valid only during the call. Writes are kept as given (not copied)
 * until the socket takes them; when what waits is part of the read buffer itself (an echo), the write queue
 * keeps that buffer and the next read lands in another of a small pool, so nothing is copied either. A
 * producer registered with a transport is paused when more than the high-water mark is waiting to be
 * written ({@value #DEFAULT_HIGH_WATER_MARK} bytes unless set with {@link #setWriteBufferWaterMarks}) and
 * resumed when it has drained to the low-water mark.
 *
 * <h2>Signals</h2>
 * {@link #run(boolean) run(true)} handles SIGINT and SIGTERM ({@link Signals}): the reactor stops through
 * its shutdown triggers and {@code run} returns; where a signal cannot be handled, a JVM shutdown hook does
 * the same work before the JVM exits.
 */
public final class NioReactor implements ReactorBackend, ReactorUDP, ReactorMulticast, ReactorSocket,
        ReactorProcess, ReactorGroup.Member {

    /** The size of the buffer that reads land in, in bytes. */
    public static final int READ_BUFFER_SIZE = 64 * 1024;

    /** The default high-water mark of a connection's write buffer, in bytes: above it producers pause. */
    public static final int DEFAULT_HIGH_WATER_MARK = 64 * 1024;

    /** The default low-water mark of a connection's write buffer, in bytes: at or below it they resume. */
    public static final int DEFAULT_LOW_WATER_MARK = 16 * 1024;
    /** How long a SIGINT or SIGTERM waits for the shutdown triggers before the JVM exits, in seconds. */
    public static final long SHUTDOWN_GRACE_SECONDS = 30;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPING = 2;
    private static final int STOPPED = 3;

    private final AtomicInteger state = new AtomicInteger(NEW);
    /** Starts each task on a virtual thread of its own. */
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("twisted4j-worker").start(task);

    private final SelectorLoop loop = new SelectorLoop();
    private final long origin = System.nanoTime();
    private final DelayedCallQueue delayed = new DelayedCallQueue(this::seconds,
            (call, error) -> ReactorLog.error("a delayed call failed: " + call, error));
    private final ThreadCallQueue threadCalls;
    private final SystemEvents events = new SystemEvents();
    private final ReadBuffers readBuffers = new ReadBuffers(READ_BUFFER_SIZE);
    private volatile @Nullable Thread reactorThread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private boolean crashed;
    private int lowWaterMark = DEFAULT_LOW_WATER_MARK;
    private int highWaterMark = DEFAULT_HIGH_WATER_MARK;
    private volatile @Nullable PortSharing portSharing;
    private volatile int groupIndex;

    /**
     * Creates a reactor that is not running yet.
     *
     * @throws UncheckedIOException if the operating system refuses a selector
     */
    public NioReactor() {
        threadCalls = new ThreadCallQueue(loop.selector());
    }

    /**
     * Returns the process's shared reactor, made on first use. Classes that need a reactor should still take
     * one as a parameter; this is for applications' {@code main}. Any thread.
     */
    public static NioReactor global() {
        return Global.REACTOR;
    }

    private static final class Global {
        static final NioReactor REACTOR = new NioReactor();
    }

    /** The reactor whose {@link #run()} the thread is in. */
    private static final ThreadLocal<@Nullable NioReactor> RUNNING_ON_THIS_THREAD = new ThreadLocal<>();

    /**
     * Returns the reactor running on the calling thread, or null if the caller is not on a reactor's thread:
     * for layers that are handed no reactor but must come back to the thread they were called on, as the TLS
     * layer does with the work it moves off that thread. Classes that use a reactor should still take one as
     * a parameter. Any thread.
     *
     * @return the reactor whose {@link #run()} the calling thread is in, or null
     */
    public static @Nullable NioReactor current() {
        return RUNNING_ON_THIS_THREAD.get();
    }

    /** Returns {@value Reactors#NIO}. */
    @Override
    public String backendName() {
        return Reactors.NIO;
    }

    // ---- ReactorCore ----

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void run() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new ReactorAlreadyRunning(state.get() == STOPPED
                    ? "this reactor has run before and cannot be restarted" : "this reactor is already running");
        }
        reactorThread = Thread.currentThread();
        RUNNING_ON_THIS_THREAD.set(this);
        events.add(Phase.DURING, SHUTDOWN, () -> {
            loop.disconnectAll();
            crash();
            return null;
        });
        running = true;
        try {
            events.fire(STARTUP);
            while (!crashed) {
                turn();
            }
        } finally {
            RUNNING_ON_THIS_THREAD.remove();
            running = false;
            state.set(STOPPED);
            loop.close();
            threadCalls.drain(call -> {
                if (call instanceof BlockingCall blocking) {
                    blocking.abandon();
                }
            });
            finished.countDown();
        }
    }

    /**
     * Runs the reactor as {@link #run()} does; with {@code installSignalHandlers}, SIGINT and SIGTERM stop it
     * cleanly, as Twisted's reactor does when it installs its signal handlers, and the JVM does not exit on
     * them by itself: the caller returns from this method and chooses the exit status (0 after a clean stop,
     * where the JVM's own handling would exit 130 or 143). Where this JVM cannot handle a signal
     * ({@link Signals}), a JVM shutdown hook does the same work: it stops the reactor and waits up to
     * {@link #SHUTDOWN_GRACE_SECONDS} for its shutdown triggers to finish before the JVM exits. The hook also
     * covers {@link System#exit} called while the reactor runs. The previous handlers are put back on return.
     *
     * @param installSignalHandlers whether SIGINT and SIGTERM should stop the reactor cleanly
     */
    @Override
    public void run(boolean installSignalHandlers) {
        if (installSignalHandlers) {
            SignalStop.run(this::run, this::stopQuietly, finished);
        } else {
            run();
        }
    }

    /** Stops the reactor unless it is stopping or stopped already. Any thread. */
    void stopQuietly() {
        try {
            stop();
        } catch (ReactorNotRunning alreadyStopping) {
            // stopping or stopped already
        }
    }

    @Override
    public void stop() {
        if (!state.compareAndSet(RUNNING, STOPPING)) {
            throw new ReactorNotRunning();
        }
        threadCalls.add(() -> events.fire(SHUTDOWN));
    }

    @Override
    public @Nullable TriggerId callWhenRunning(Runnable call) {
        Objects.requireNonNull(call, "call");
        checkThread();
        if (running) {
            call.run();
            return null;
        }
        return addSystemEventTrigger(Phase.AFTER, STARTUP, call);
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
        checkThread();
        return events.add(phase, eventType, trigger);
    }

    @Override
    public void removeSystemEventTrigger(TriggerId id) {
        checkThread();
        events.remove(id);
    }

    @Override
    public void fireSystemEvent(String eventType) {
        checkThread();
        events.fire(eventType);
    }

    // ---- ReactorTime ----

    @Override
    public DelayedCall callLater(double delaySeconds, Runnable call) {
        if (!(delaySeconds >= 0)) {
            throw new IllegalArgumentException("delaySeconds must be zero or more, not " + delaySeconds);
        }
        checkThread();
        return delayed.schedule(seconds() + delaySeconds, call);
    }

    @Override
    public double seconds() {
        return (System.nanoTime() - origin) / 1e9;
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        return delayed.getDelayedCalls();
    }

    // ---- ReactorThreads ----

    @Override
    public void callFromThread(Runnable call) {
        threadCalls.add(Objects.requireNonNull(call, "call"));
    }

    @Override
    public void callInThread(Runnable call) {
        Objects.requireNonNull(call, "call");
        VIRTUAL_THREADS.execute(() -> {
            try {
                call.run();
            } catch (Throwable error) {
                ReactorLog.error("a call in a thread failed: " + call, error);
            }
        });
    }

    /** Runs {@code work} on a virtual thread of its own. */
    @Override
    public <T> Deferred<T> deferToThread(Callable<? extends T> work) {
        return deferToThreadPool(VIRTUAL_THREADS, Objects.requireNonNull(work, "work"));
    }

    /**
     * Runs {@code call} on the reactor's thread and waits for its outcome, as Twisted's
     * {@code blockingCallFromThread}: if it returns a Deferred, waits for that to fire. For code on other
     * threads that needs the reactor's answer. Any thread but the reactor's.
     *
     * <pre>{@code
     * ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, factory));
     * }</pre>
     *
     * @param call what to run on the reactor's thread; it may return a {@link Deferred}
     * @param <T> the type of the result
     * @return what {@code call} returned, or the result of the Deferred it returned
     * @throws IllegalStateException if called on the reactor's thread (it would wait for itself)
     * @throws ReactorNotRunning if the reactor has stopped, or stops before running {@code call}
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws Exception what {@code call} threw, or what the Deferred it returned failed with, unchanged
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T blockingCallFromThread(Callable<?> call) throws Exception {
        Objects.requireNonNull(call, "call");
        if (isInReactorThread()) {
            throw new IllegalStateException("blockingCallFromThread called on the reactor's thread");
        }
        if (state.get() == STOPPED) {
            throw new ReactorNotRunning();
        }
        BlockingCall blocking = new BlockingCall(call);
        threadCalls.add(blocking);
        if (state.get() == STOPPED) {
            blocking.abandon(); // it may have missed the final sweep of the queue
        }
        CompletableFuture<@Nullable Object> outcome = blocking.outcome;
        try {
            return (T) outcome.get();
        } catch (ExecutionException e) {
            Throwable cause = Objects.requireNonNull(e.getCause());
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /** Wakes the reactor if it waits in the selector, so that it takes another turn. Any thread. */
    @Override
    public void wakeUp() {
        loop.wakeUp();
    }

    /**
     * Returns whether the calling code runs on this reactor's thread: on the thread itself, or in a
     * {@link Coroutine} body that the reactor's thread drives (it runs only while that thread waits for it).
     * Any thread.
     */
    @Override
    public boolean isInReactorThread() {
        return Coroutine.drivingThread() == reactorThread;
    }

    /**
     * Sets the write buffer limits of connections made from now on: a registered push producer is paused
     * when more than {@code highWaterMark} bytes wait to be written and resumed when at most
     * {@code lowWaterMark} do.
     *
     * @param lowWaterMark the level at which a paused producer resumes, in bytes
     * @param highWaterMark the level above which a producer pauses, in bytes
     * @throws IllegalArgumentException if {@code lowWaterMark} is negative or above {@code highWaterMark}
     */
    public void setWriteBufferWaterMarks(int lowWaterMark, int highWaterMark) {
        if (lowWaterMark < 0 || lowWaterMark > highWaterMark) {
            throw new IllegalArgumentException("need 0 <= lowWaterMark <= highWaterMark, not " + lowWaterMark
                    + " and " + highWaterMark);
        }
        this.lowWaterMark = lowWaterMark;
        this.highWaterMark = highWaterMark;
    }

    /**
     * Joins a {@link ReactorGroup}: from now on this reactor opens its TCP and UDP ports with
     * {@code SO_REUSEPORT}, on the port numbers the group agrees ({@link PortSharing}). Called by the group
     * before the reactor runs.
     */
    @Override
    public void joinGroup(PortSharing sharing, int index) {
        if (state.get() != NEW) {
            throw new IllegalStateException("a reactor joins a group before it runs");
        }
        groupIndex = index;
        portSharing = Objects.requireNonNull(sharing, "sharing");
    }

    // ---- ReactorTCP ----

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String bindInterface) {
        Ports.check(port);
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        checkThread();
        TcpPort listening = new TcpPort(this, port, factory, backlog, bindInterface);
        listening.startListening();
        return listening;
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        Ports.check(port);
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        checkThread();
        TcpConnector connector = new TcpConnector(this, host, port, factory, timeout, bindAddress);
        connector.connect();
        return connector;
    }

    // ---- ReactorUDP, ReactorMulticast ----

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize) {
        return listenMulticast(port, protocol, bindInterface, maxPacketSize, false);
    }

    @Override
    public ListeningPort listenMulticast(int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize, boolean listenMultiple) {
        UdpPort listening = new UdpPort(this, port, protocol, bindInterface, maxPacketSize, listenMultiple);
        checkThread();
        listening.startListening();
        return listening;
    }

    // ---- ReactorUnix ----

    @Override
    public ListeningPort listenUNIX(Path path, Factory factory, int backlog, int mode, boolean wantPID) {
        UnixPort listening = new UnixPort(this, path, factory, backlog, mode, wantPID);
        checkThread();
        listening.startListening();
        return listening;
    }

    @Override
    public Connector connectUNIX(Path path, ClientFactory factory, double timeout, boolean checkPID) {
        UnixConnector connector = new UnixConnector(this, path, factory, timeout, checkPID);
        checkThread();
        connector.connect();
        return connector;
    }

    // ---- ReactorSocket ----

    @Override
    public ListeningPort adoptStreamPort(ServerSocketChannel channel, Factory factory) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(factory, "factory");
        checkThread();
        AdoptedPort listening = new AdoptedPort(this, channel, factory);
        listening.startListening();
        return listening;
    }

    // ---- ReactorProcess ----

    @Override
    public ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        checkThread();
        return Processes.spawn(this, protocol, executable, args, env, path);
    }

    // ---- for the transports ----

    /** Returns how this reactor's group shares its TCP ports, or null if it is in no group. */
    @Nullable PortSharing portSharing() {
        return portSharing;
    }

    /** Returns this reactor's index in its group, 0 if it is in none. */
    int groupIndex() {
        return groupIndex;
    }

    Selector selector() {
        return loop.selector();
    }

    /** Returns the buffer the next read lands in (see {@link ReadBuffers#forRead()}). */
    ByteBuffer readBuffer() {
        return readBuffers.forRead();
    }

    ReadBuffers readBuffers() {
        return readBuffers;
    }

    int lowWaterMark() {
        return lowWaterMark;
    }

    int highWaterMark() {
        return highWaterMark;
    }

    /** Runs {@code task} once the next select has taken closed channels off the selector. */
    void afterNextSelect(Runnable task) {
        loop.afterNextSelect(task);
    }

    // ---- the loop ----

    private void turn() {
        try {
            threadCalls.runAll();
            delayed.runPass(seconds());
            if (!crashed) {
                loop.select(!threadCalls.isEmpty(), delayed.timeToNextCall(), threadCalls);
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            ReactorLog.error("unexpected error in the reactor loop", error);
        }
    }

    private void crash() {
        crashed = true;
        running = false;
    }

    private void checkThread() {
        Thread owner = reactorThread;
        if (owner != null && running && owner != Coroutine.drivingThread()) {
            throw new IllegalStateException("called on " + Thread.currentThread() + ", not the reactor's thread "
                    + owner + "; use callFromThread");
        }
    }

    @Override
    public String toString() {
        return "NioReactor[" + switch (state.get()) {
            case NEW -> "new";
            case RUNNING -> "running";
            case STOPPING -> "stopping";
            default -> "stopped";
        } + ", " + loop.channels() + " channels]";
    }
}
