package org.twisted4j.nativeio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.PortSharing;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.Processes;
import org.twisted4j.internet.ReactorAlreadyRunning;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorGroup;
import org.twisted4j.internet.ReactorNotRunning;
import org.twisted4j.internet.Signals;
import org.twisted4j.internet.SystemEvents;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.task.DelayedCallQueue;
import org.twisted4j.logger.Logger;

/**
 * A reactor whose thread is a single-threaded Netty event loop on a native transport (epoll or io_uring); see
 * the package documentation for why it is built this way. As with NIO, {@link #run()} makes its caller the
 * reactor's thread: Netty hands the loop's body to the group's executor, and {@code run()} runs it. Before
 * {@code run()}, triggers, timed calls, ports and client connections may be set up from the thread that will run
 * it, as with NIO, though only the running loop registers and binds Netty's channels: a TCP or UDP port is bound
 * by the transport at once and read once the loop runs, a UNIX port's path is claimed at once and the socket bound
 * as the loop starts, and a client connection's socket is opened once the reactor has started.
 *
 * <p>In a {@link ReactorGroup} it shares its listening TCP ports with the other members as NIO does: each
 * member's socket has {@code SO_REUSEPORT} and binds the port the group agrees ({@link PortSharing}), on the
 * member's own loop, where Netty completes the bind at once, or before the group runs
 * ({@link ReactorGroup#listenTCP}), where the transport binds the socket itself.
 */
final class NativeReactor implements ReactorBackend, ReactorGroup.Member {
    static final Logger LOG = new Logger("org.twisted4j.nativeio");

    /** How long the loop waits at shutdown for the sockets it closes, in seconds. */
    private static final long SHUTDOWN_CLOSE_SECONDS = 5;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPING = 2;
    private static final int STOPPED = 3;

    private final NativeTransport transport;
    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    /** The event loop's body, handed over by Netty when the first task is queued; run() runs it. */
    private final CompletableFuture<Runnable> loopBody = new CompletableFuture<>();
    private volatile @Nullable Thread thread;
    private final long origin = System.nanoTime();
    private final DelayedCallQueue delayed = new DelayedCallQueue(this::seconds,
            (call, error) -> LOG.failure("a delayed call failed: {call}", new Failure(error), "call", call));
    private final SystemEvents events = new SystemEvents();
    private final AtomicInteger state = new AtomicInteger(NEW);
    /**
     * Held while {@code run()} and {@code stop()} change {@link #state} and queue their first task, so that a
     * stop seen as running queues the shutdown behind the startup, never before it.
     */
    private final Object transitions = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** What {@link #disconnectAll} ends at shutdown: open connections, listening ports, connectors. */
    private final Set<Runnable> open = new LinkedHashSet<>();
    /** The closes begun at shutdown, which the loop waits for before it ends. */
    private final List<io.netty.util.concurrent.Future<?>> closing = new ArrayList<>();
    private volatile boolean running;
    /** The buffer a protocol's dataReceived is reading now, and the Netty buffer it is a view of. */
    private @Nullable ByteBuffer lentView;
    private @Nullable ByteBuf lentBuf;
    /** The view's position when it was lent, and the index of that byte in {@link #lentBuf}. */
    private int lentStart;
    private int lentIndex;
    /** Whether {@link #lentBuf} itself may still go to a write: once only, as Netty moves its indices when sent. */
    private boolean lentWhole;
    /** Where a connection's reads land on epoll, and the view of them a protocol gets; null on io_uring. */
    private final @Nullable ReadBufferAllocator readAllocator;
    private @Nullable ScheduledFuture<?> timer;
    private double timerAt = Double.POSITIVE_INFINITY;
    private volatile @Nullable PortSharing portSharing;
    private volatile int groupIndex;

    NativeReactor(NativeTransport transport) {
        this.transport = transport;
        // Netty starts the loop by handing its body to this executor; run() takes it and runs it on its caller.
        this.group = new MultiThreadIoEventLoopGroup(1, (Executor) loopBody::complete, transport.ioHandler());
        this.loop = group.next();
        this.readAllocator = transport.readsIntoReactorBuffer() ? new ReadBufferAllocator() : null;
    }

    @Override
    public String backendName() {
        return transport.backendName();
    }

    NativeTransport transport() {
        return transport;
    }

    EventLoop loop() {
        return loop;
    }

    // ---- ReactorCore ----

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void run() {
        synchronized (transitions) {
            if (!state.compareAndSet(NEW, RUNNING)) {
                throw new ReactorAlreadyRunning(state.get() == STOPPED
                        ? "this reactor has run before and cannot be restarted" : "this reactor is already running");
            }
            thread = Thread.currentThread();
            loop.execute(() -> turn(() -> {
                events.add(Phase.DURING, SHUTDOWN, () -> {
                    disconnectAll();
                    crash();
                    return null;
                });
                running = true;
                events.fire(STARTUP);
            }));
        }
        try {
            runLoop(loopBody.join()); // this thread is the event loop's until the group shuts down
        } finally {
            if (readAllocator != null) {
                readAllocator.release();
            }
            running = false;
            state.set(STOPPED);
            finished.countDown();
        }
    }

    /**
     * Runs the event loop's body on this thread, with Netty's fast thread-locals on as on Netty's own loop
     * threads: without them, a thread that is not Netty's makes every pooled object (a write's queue entry, a
     * slice of a read buffer) anew instead of recycling it, and takes buffers from the allocator's shared
     * magazines rather than its own.
     */
    private static void runLoop(Runnable body) {
        if (FastThreadLocalThread.currentThreadHasFastThreadLocal()) {
            body.run(); // a Netty thread, or one that has them on already
        } else {
            FastThreadLocalThread.runWithFastThreadLocal(body);
        }
    }

    @Override
    public void run(boolean installSignalHandlers) {
        if (!installSignalHandlers) {
            run();
            return;
        }
        List<Signals.Registration> handlers = new ArrayList<>();
        for (String signal : List.of("INT", "TERM")) {
            Signals.handle(signal, () -> {
                LOG.info("received SIG{signal}, shutting down", "signal", signal);
                stopQuietly();
            }).ifPresent(handlers::add);
        }
        Thread hook = Thread.ofPlatform().name("twisted4j-shutdown").unstarted(() -> {
            stopQuietly();
            try {
                finished.await(NioReactor.SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run();
        } finally {
            handlers.forEach(Signals.Registration::restore);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (ReactorNotRunning alreadyStopping) {
            // stopping or stopped already
        }
    }

    @Override
    public void stop() {
        synchronized (transitions) {
            if (!state.compareAndSet(RUNNING, STOPPING)) {
                throw new ReactorNotRunning();
            }
            loop.execute(() -> turn(() -> events.fire(SHUTDOWN)));
        }
    }

    @Override
    public @Nullable TriggerId callWhenRunning(Runnable call) {
        Objects.requireNonNull(call, "call");
        return onLoop(() -> {
            if (running) {
                call.run();
                return null;
            }
            return events.add(Phase.AFTER, STARTUP, () -> {
                call.run();
                return null;
            });
        });
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
        return onLoop(() -> events.add(phase, eventType, trigger));
    }

    @Override
    public void removeSystemEventTrigger(TriggerId id) {
        onLoop(() -> {
            events.remove(id);
            return null;
        });
    }

    @Override
    public void fireSystemEvent(String eventType) {
        onLoop(() -> {
            events.fire(eventType);
            return null;
        });
    }

    // ---- ReactorTime ----

    @Override
    public DelayedCall callLater(double delaySeconds, Runnable call) {
        if (!(delaySeconds >= 0)) {
            throw new IllegalArgumentException("delaySeconds must be zero or more, not " + delaySeconds);
        }
        Objects.requireNonNull(call, "call");
        return onLoop(() -> {
            DelayedCall scheduled = delayed.schedule(seconds() + delaySeconds, call);
            armTimer();
            return scheduled;
        });
    }

    @Override
    public double seconds() {
        return (System.nanoTime() - origin) / 1e9;
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        return onLoop(delayed::getDelayedCalls);
    }

    // ---- ReactorThreads ----

    @Override
    public void callFromThread(Runnable call) {
        Objects.requireNonNull(call, "call");
        try {
            loop.execute(() -> turn(call));
        } catch (RejectedExecutionException stopped) {
            // the reactor has stopped: as with NIO, the call is dropped
        }
    }

    @Override
    public void callInThread(Runnable call) {
        Objects.requireNonNull(call, "call");
        Thread.ofVirtual().name("twisted4j-worker").start(() -> {
            try {
                call.run();
            } catch (Throwable error) {
                LOG.failure("a call in a thread failed: {call}", new Failure(error), "call", call);
            }
        });
    }

    @Override
    public <T> Deferred<T> deferToThread(Callable<? extends T> work) {
        Objects.requireNonNull(work, "work");
        return deferToThreadPool(task -> Thread.ofVirtual().name("twisted4j-worker").start(task), work);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T blockingCallFromThread(Callable<?> call) throws Exception {
        Objects.requireNonNull(call, "call");
        if (isInReactorThread()) {
            throw new IllegalStateException("blockingCallFromThread called on the reactor's thread");
        }
        CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();
        try {
            loop.execute(() -> turn(() -> {
                try {
                    Object result = call.call();
                    if (result instanceof Deferred<?> deferred) {
                        deferred.addCallbacks(value -> {
                            outcome.complete(value);
                            return null;
                        }, failure -> {
                            outcome.completeExceptionally(failure.value());
                            return null;
                        });
                    } else {
                        outcome.complete(result);
                    }
                } catch (Throwable error) {
                    outcome.completeExceptionally(error);
                }
            }));
        } catch (RejectedExecutionException stopped) {
            throw new ReactorNotRunning();
        }
        group.terminationFuture().addListener(ignored -> outcome.completeExceptionally(new ReactorNotRunning()));
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

    @Override
    public boolean isInReactorThread() {
        return Coroutine.drivingThread() == thread;
    }

    @Override
    public void wakeUp() {
        try {
            loop.execute(() -> { });
        } catch (RejectedExecutionException stopped) {
            // nothing to wake
        }
    }

    // ---- ReactorGroup.Member ----

    /**
     * Joins a {@link ReactorGroup}: from now on this reactor opens its listening TCP ports with
     * {@code SO_REUSEPORT}, on the port numbers the group agrees. Called by the group before the reactor runs.
     */
    @Override
    public void joinGroup(PortSharing sharing, int index) {
        if (state.get() != NEW) {
            throw new IllegalStateException("a reactor joins a group before it runs");
        }
        groupIndex = index;
        portSharing = Objects.requireNonNull(sharing, "sharing");
    }

    /** Returns the port agreement of the group this reactor is a member of, or null if it is alone. */
    @Nullable PortSharing portSharing() {
        return portSharing;
    }

    /** Returns this reactor's index in its group (0 if it is alone). */
    int groupIndex() {
        return groupIndex;
    }

    // ---- ReactorTCP, ReactorUnix ----

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String bindInterface) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        Objects.requireNonNull(factory, "factory");
        return onLoop(() -> NativePort.listenTcp(this, factory, port, bindInterface, backlog));
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(factory, "factory");
        return onLoop(() -> NativeConnector.start(this, NativeConnector.tcp(host, port), false, factory, timeout,
                bindAddress));
    }

    @Override
    public ListeningPort listenUNIX(Path path, Factory factory, int backlog, int mode, boolean wantPID) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(factory, "factory");
        return onLoop(() -> NativePort.listenUnix(this, factory, path, backlog, mode, wantPID));
    }

    @Override
    public Connector connectUNIX(Path path, ClientFactory factory, double timeout, boolean checkPID) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(factory, "factory");
        return onLoop(() -> NativeConnector.start(this, NativeConnector.unix(path, checkPID), true, factory,
                timeout, null));
    }

    /** Listens on a name in Linux's abstract namespace: no file, so no mode and no lock file. */
    @Override
    public ListeningPort listenUNIXAbstract(String name, Factory factory, int backlog) {
        UNIXAddress.checkAbstractName(name);
        Objects.requireNonNull(factory, "factory");
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        return onLoop(() -> NativePort.listenUnixAbstract(this, factory, name, backlog));
    }

    /** Connects to a name in Linux's abstract namespace. */
    @Override
    public Connector connectUNIXAbstract(String name, ClientFactory factory, double timeout) {
        UNIXAddress.checkAbstractName(name);
        Objects.requireNonNull(factory, "factory");
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        return onLoop(() -> NativeConnector.start(this, NativeConnector.unixAbstract(name), true, factory,
                timeout, null));
    }

    // ---- ReactorUDP, ReactorMulticast ----

    /** Opens a UDP port, before {@code run()} too: the socket is bound at once and read once the loop runs. */
    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize) {
        return listenMulticast(port, protocol, bindInterface, maxPacketSize, false);
    }

    /** Opens a UDP port that can join multicast groups, before {@code run()} too, as {@link #listenUDP}. */
    @Override
    public ListeningPort listenMulticast(int port, DatagramProtocol protocol, String bindInterface,
            int maxPacketSize, boolean listenMultiple) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bindInterface, "bindInterface");
        return onLoop(() -> NativeUdpPort.listen(this, port, protocol, bindInterface, maxPacketSize, listenMultiple));
    }

    // ---- ReactorProcess ----

    /** Starts a child as NIO does ({@link Processes#spawn}): its pipes are driven by virtual threads. */
    @Override
    public ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        return onLoop(() -> Processes.spawn(this, protocol, executable, args, env, path));
    }

    // ---- for the transports ----

    /**
     * Lends {@code view}, a view of {@code buf}'s readable bytes, to a protocol's dataReceived until
     * {@link #endLend()}: bytes written from it during the call are sent from {@code buf} itself (see
     * {@link #slice}), as NIO copies them out of its shared read buffer. Reactor thread.
     */
    void lend(ByteBuffer view, ByteBuf buf) {
        lentView = view;
        lentBuf = buf;
        lentStart = view.position();
        lentIndex = buf.readerIndex();
        lentWhole = true;
    }

    /** Ends what {@link #lend} began. Reactor thread. */
    void endLend() {
        lentView = null;
        lentBuf = null;
    }

    /**
     * Returns what a transport should queue for {@code data}. When {@code data} is the view lent to the protocol
     * now (it is reused once the call returns), that is Netty's read buffer, retained: the buffer itself the first
     * time the whole view is written, as an echo does (no slice to make and unwrap, as a Netty handler writes back
     * what it read), else a slice of it. Any other buffer is wrapped as it is, and its writer must leave it alone,
     * as the transport contract says. Reactor thread.
     */
    ByteBuf slice(ByteBuffer data) {
        ByteBuf buf = lentBuf;
        if (data == lentView && buf != null) {
            int index = lentIndex + data.position() - lentStart;
            if (lentWhole && index == lentIndex && data.remaining() == buf.readableBytes()) {
                lentWhole = false; // Netty moves the buffer's reader index as it sends it: later writes slice it
                return buf.retain();
            }
            return buf.retainedSlice(index, data.remaining());
        }
        return Unpooled.wrappedBuffer(data);
    }

    /** Sets the allocator of a connection's channel before it is registered: see {@link ReadBufferAllocator}. */
    void configureReads(io.netty.channel.Channel channel) {
        if (readAllocator != null) {
            channel.config().setAllocator(readAllocator);
        }
    }

    /** Returns the view of {@code read}'s readable bytes that a protocol's dataReceived gets. Reactor thread. */
    ByteBuffer readView(ByteBuf read) {
        return readAllocator != null ? readAllocator.view(read) : read.nioBuffer();
    }

    /**
     * Notes a channel closed at shutdown: the loop ends only once its close is done (io_uring closes a socket
     * after its pending operations end, on a later turn). Reactor thread.
     */
    void closingAtShutdown(io.netty.util.concurrent.Future<?> close) {
        closing.add(close);
    }

    /**
     * Returns whether the loop has started: from {@code run()} on, Netty registers and binds channels at once on
     * the reactor's thread; before, a TCP port is bound by the transport and registered for later.
     */
    boolean loopStarted() {
        return thread != null;
    }

    /** Keeps {@code closer} to run at shutdown, until {@link #forget}. Reactor thread. */
    void remember(Runnable closer) {
        open.add(closer);
    }

    /** Forgets what {@link #remember} kept. Reactor thread. */
    void forget(Runnable closer) {
        open.remove(closer);
    }

    /**
     * Runs {@code work} on the reactor's thread as one turn: a callback it calls that throws is logged, and the
     * timer is set again for the next timed call, which the work may have moved. Reactor thread.
     */
    void turn(Runnable work) {
        try {
            work.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable error) {
            LOG.failure("unexpected error in the reactor loop", new Failure(error));
        }
        armTimer();
    }

    // ---- the loop ----

    /**
     * Runs {@code work} now, on the reactor's thread or before {@code run()} on the thread setting the reactor
     * up (as NIO allows); refused from another thread while the reactor runs.
     */
    private <T> T onLoop(Callable<T> work) {
        checkThread();
        try {
            return work.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkThread() {
        Thread owner = thread;
        if (owner != null && state.get() != NEW && owner != Coroutine.drivingThread()) {
            throw new IllegalStateException("called on " + Thread.currentThread() + ", not the reactor's thread "
                    + owner + "; use callFromThread");
        }
    }

    /** Sets the loop's timer for the next timed call if it is due before the timer fires. Reactor thread. */
    private void armTimer() {
        if (state.get() == STOPPED) {
            return;
        }
        OptionalDouble next = delayed.nextCallTime();
        if (next.isEmpty() || next.getAsDouble() >= timerAt) {
            return;
        }
        ScheduledFuture<?> previous = timer;
        if (previous != null) {
            previous.cancel(false);
        }
        timerAt = next.getAsDouble();
        long nanos = Math.max(0, (long) Math.ceil((timerAt - seconds()) * 1e9));
        timer = loop.schedule(this::fireTimer, nanos, TimeUnit.NANOSECONDS);
    }

    private void fireTimer() {
        timer = null;
        timerAt = Double.POSITIVE_INFINITY;
        if (running) {
            turn(() -> delayed.runPass(seconds()));
        }
    }

    private void disconnectAll() {
        for (Runnable closer : List.copyOf(open)) {
            try {
                closer.run();
            } catch (RuntimeException e) {
                LOG.failure("closing {what} at shutdown failed", new Failure(e), "what", closer);
            }
        }
        open.clear();
    }

    private void crash() {
        running = false;
        state.set(STOPPED);
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
        int[] left = {closing.size()};
        if (left[0] == 0) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            return;
        }
        for (io.netty.util.concurrent.Future<?> close : closing) {
            close.addListener(done -> {
                if (--left[0] == 0) {
                    group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                }
            });
        }
        // A close that never completes must not keep the reactor from stopping.
        loop.schedule(() -> group.shutdownGracefully(0, 0, TimeUnit.SECONDS), SHUTDOWN_CLOSE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "NativeReactor[" + transport.backendName() + ", " + switch (state.get()) {
            case NEW -> "new";
            case RUNNING -> "running";
            case STOPPING -> "stopping";
            default -> "stopped";
        } + "]";
    }
}
