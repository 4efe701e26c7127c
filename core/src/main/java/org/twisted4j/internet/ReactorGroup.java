package org.twisted4j.internet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.twisted4j.internet.ReactorCore.Phase;

/**
 * Several reactors in one process, one thread each, so that a server uses every core while its protocol code
 * stays single-threaded and lock-free: each member is a complete reactor ({@link NioReactor} unless another
 * backend is given), with its own timers, triggers, connections and read buffer.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ReactorGroup<NioReactor> group = ReactorGroup.nio();          // one reactor per core
 * group.listenTCP(8080, () -> new Site(root()), ReactorTCP.DEFAULT_BACKLOG, "");
 * group.run(true);                     // member 0 on this thread, the others on threads of their own
 * }</pre>
 * The factory is a {@link Supplier}, called once per member, so each member's connections share their own
 * factory (sessions, caches, counters) and nothing else. State meant to be shared across members must be
 * made so explicitly: a thread-safe object the suppliers all capture, or work handed to the member that owns
 * it with its {@link ReactorThreads#callFromThread callFromThread}.
 *
 * <h2>Sharing a listening port</h2>
 * Every TCP port a member opens is served by its own socket with {@code SO_REUSEPORT} on the same port
 * ({@link PortSharing}): the kernel spreads new connections over the members' accept queues, each member
 * accepts on its own thread, and a connection lives on the member that accepted it. This was chosen over one
 * acceptor handing connections out round-robin because an accepted connection then crosses no thread (no
 * wake-up of another member's selector per connect, no shared queue), accepting runs on every member, and a
 * burst of connects is spread over every member's accept queue. Measured on the same server code (Netty with
 * two event loops, {@code bench/reactors-web.sh --servers netty-rr,netty-reuseport}, {@code bench/RESULTS.md}),
 * the two ways came out even on a 2-core machine, with a new connection per request (1.00x, 0.99x to 1.16x)
 * and over kept-alive connections, so the choice rests on the reasoning above; a round-robin acceptor of
 * twisted4j's own was not built. The price: the kernel spreads by a hash of the addresses, not by load, so a handful
 * of long-lived connections can land unevenly. UDP ports are shared the same way, the kernel spreading
 * datagrams by their sender's address. UNIX sockets are not shared: only one member can bind each. A group
 * of one reactor shares nothing: its ports are opened as that reactor opens them alone, so a second process
 * on the same fixed port still fails with "address in use".
 *
 * <h2>Other backends</h2>
 * {@link #of} takes any function that makes a reactor for a member index. A reactor that implements
 * {@link Member} is told its group and index before it runs, and shares its TCP and UDP ports through
 * {@link PortSharing} as {@link NioReactor} does; one that does not keeps its ports to itself.
 *
 * <h2>Running and stopping</h2>
 * {@link #run} runs member 0 on the calling thread and the others on platform threads named
 * {@code twisted4j-reactor-N}, and returns once all have stopped. Each member fires its own startup and
 * shutdown triggers on its own thread, so services started on a member stop with it. When one member stops,
 * for {@link #stop()}, a signal or by itself, the whole group stops.
 *
 * <h2>Threading</h2>
 * {@link #stop()}, {@link #isRunning()}, {@link #size()}, {@link #reactor(int)}, {@link #reactors()} and
 * {@link #next()} may be called from any thread. {@link #listenTCP} is called before {@link #run}, on the
 * thread that will run the group. Each member's own methods follow that reactor's contract.
 *
 * @param <R> the reactors' type
 */
public final class ReactorGroup<R extends ReactorCore & ReactorThreads> {

    /**
     * A reactor that can join a group and share its TCP ports with the other members.
     *
     * <h2>Threading</h2>
     * {@link #joinGroup} is called by {@link ReactorGroup} once, before the reactor runs.
     */
    public interface Member {
        /**
         * Tells this reactor that it is member {@code index} of a group whose TCP ports are agreed by
         * {@code sharing}; from now on it opens every TCP and UDP port with {@code SO_REUSEPORT} through it.
         *
         * @param sharing agrees the port numbers of the group
         * @param index this reactor's index in the group, from 0
         */
        void joinGroup(PortSharing sharing, int index);
    }

    private final List<R> members;
    private final PortSharing sharing = new PortSharing();
    private final AtomicInteger nextMember = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    private ReactorGroup(int size, IntFunction<? extends R> newReactor) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one reactor, not " + size);
        }
        List<R> made = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            R reactor = Objects.requireNonNull(newReactor.apply(i), "the reactor made for member " + i);
            if (size > 1) {
                if (!(reactor instanceof Member member)) {
                    throw new IllegalArgumentException("a group of several reactors shares their ports, which "
                            + reactor.getClass().getSimpleName() + " cannot do; use a group of one, or NIO reactors");
                }
                member.joinGroup(sharing, i);
            }
            made.add(reactor);
        }
        this.members = List.copyOf(made);
    }

    /** Returns the default size of a group: the number of processors the JVM may use. Any thread. */
    public static int defaultSize() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Makes a group of {@link #defaultSize()} {@link NioReactor}s.
     *
     * @return the group, not running
     */
    public static ReactorGroup<NioReactor> nio() {
        return nio(defaultSize());
    }

    /**
     * Makes a group of {@link NioReactor}s.
     *
     * @param size how many reactors
     * @return the group, not running
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public static ReactorGroup<NioReactor> nio(int size) {
        return of(size, index -> new NioReactor());
    }

    /**
     * Makes a group of reactors of any backend.
     *
     * @param size how many reactors
     * @param newReactor makes the reactor of a member index, 0 to {@code size - 1}; each call a new reactor
     * @param <R> the reactors' type
     * @return the group, not running
     * @throws IllegalArgumentException if {@code size} is below 1, or above 1 with reactors that are not
     *         {@link Member}s (they could not share their ports)
     */
    public static <R extends ReactorCore & ReactorThreads> ReactorGroup<R> of(int size,
            IntFunction<? extends R> newReactor) {
        Objects.requireNonNull(newReactor, "newReactor");
        return new ReactorGroup<>(size, newReactor);
    }

    /** Returns how many reactors the group has. */
    public int size() {
        return members.size();
    }

    /**
     * Returns a member.
     *
     * @param index from 0 to {@link #size()} - 1; member 0 runs on the thread that runs the group
     * @return the reactor
     * @throws IndexOutOfBoundsException if there is no such member
     */
    public R reactor(int index) {
        return members.get(index);
    }

    /** Returns the members, in index order. */
    public List<R> reactors() {
        return members;
    }

    /**
     * Returns the members in turn, one per call, to spread work such as outgoing connections: hand it over
     * with the member's {@link ReactorThreads#callFromThread callFromThread}.
     *
     * @return the next member
     */
    public R next() {
        return members.get(Math.floorMod(nextMember.getAndIncrement(), members.size()));
    }

    /**
     * Listens for TCP connections on every member, on one shared port, with a factory of each member's own.
     *
     * @param port the port, or 0 for one the system picks (the same for every member)
     * @param factories called once per member, on the calling thread, for that member's factory
     * @param backlog how many connections may wait to be accepted by each member
     * @param bindInterface the local address to listen on, as for {@link ReactorTCP#listenTCP}
     * @return the members' ports, in member order
     * @throws IllegalStateException if the group has started to run
     * @throws UnsupportedOperationException if a member is not a {@link ReactorTCP}
     * @throws CannotListenError if a member cannot listen; the members that did listen stop again
     */
    public List<ListeningPort> listenTCP(int port, Supplier<? extends Factory> factories, int backlog,
            String bindInterface) {
        Objects.requireNonNull(factories, "factories");
        if (started.get()) {
            throw new IllegalStateException("listenTCP is called before the group runs");
        }
        List<ListeningPort> ports = new ArrayList<>(members.size());
        try {
            for (R member : members) {
                if (!(member instanceof ReactorTCP tcp)) {
                    throw new UnsupportedOperationException(member + " does not listen on TCP");
                }
                ports.add(tcp.listenTCP(port, factories.get(), backlog, bindInterface));
            }
        } catch (RuntimeException e) {
            ports.forEach(ListeningPort::stopListening);
            throw e;
        }
        return List.copyOf(ports);
    }

    /** Runs the group as {@link #run(boolean) run(false)}: without handling signals. */
    public void run() {
        run(false);
    }

    /**
     * Runs every member until the group stops: member 0 on the calling thread, the others on threads of their
     * own; returns once all have stopped. With {@code installSignalHandlers}, SIGINT and SIGTERM stop the
     * group cleanly, as {@link NioReactor#run(boolean)} does for one reactor.
     *
     * @param installSignalHandlers whether SIGINT and SIGTERM should stop the group cleanly
     * @throws ReactorAlreadyRunning if the group has run before
     */
    public void run(boolean installSignalHandlers) {
        if (!started.compareAndSet(false, true)) {
            throw new ReactorAlreadyRunning("this reactor group has been run already");
        }
        for (R member : members) {
            member.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, this::stop);
            member.callWhenRunning(() -> {
                if (stopping) {
                    stopMember(member);
                }
            });
        }
        Runnable loop = () -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i < members.size(); i++) {
                R member = members.get(i);
                threads.add(Thread.ofPlatform().name("twisted4j-reactor-" + i).start(() -> runMember(member)));
            }
            try {
                runMember(members.get(0));
            } finally {
                joinAll(threads);
                finished.countDown();
            }
        };
        if (installSignalHandlers) {
            SignalStop.run(loop, this::stop, finished);
        } else {
            loop.run();
        }
    }

    /** Stops every member; stopping a group that is stopping, or has stopped, does nothing. Any thread. */
    public void stop() {
        stopping = true;
        members.forEach(ReactorGroup::stopMember);
    }

    /** Returns whether any member is running. Any thread. */
    public boolean isRunning() {
        return members.stream().anyMatch(ReactorCore::isRunning);
    }

    private void runMember(R member) {
        try {
            member.run();
        } catch (RuntimeException | Error e) {
            ReactorLog.error("the reactor " + member + " of a group failed", e);
            stop();
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    private static void stopMember(ReactorCore member) {
        try {
            member.stop();
        } catch (ReactorNotRunning notRunning) {
            // stopping or stopped already, or not started yet: its startup trigger stops it then
        }
    }

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ReactorGroup" + members;
    }
}
