package org.twisted4j.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorAlreadyRunning;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorNotRunning;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.task.Clock;

/**
 * A reactor that does no I/O: it records what it is asked to listen on and connect to, keeps time with a
 * {@link Clock}, and runs its system events when told to run and stop, as Twisted's
 * {@code MemoryReactorClock}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * MemoryReactor reactor = new MemoryReactor();
 * new ChatService(reactor).start();                   // code under test calls listenTCP
 *
 * MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
 * assertThat(server.port()).isEqualTo(6667);
 * Protocol chat = server.factory().buildProtocol(StringTransport.DEFAULT_PEER);
 *
 * reactor.advance(30);                                 // time moves only when told
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Each {@code listen} call is recorded and returns a listening {@link FakePort} (or, for UDP, a
 *       {@link FakeDatagramPort} already attached to its protocol); a port starts its factory with
 *       {@code doStart} and stops it with {@code doStop}, as a real one does.</li>
 *   <li>Each {@code connect} call is recorded and returns a {@link FakeConnector} that has told its factory
 *       {@code startedConnecting} and stays connecting until the test makes it fail or stops it.</li>
 *   <li>{@link #run()} fires {@link #STARTUP} (the reactor counts as running from its {@code DURING} phase,
 *       and {@link #callWhenRunning} calls run in its {@code AFTER} phase) and then returns, leaving the
 *       reactor running; {@link #stop()} fires {@link #SHUTDOWN} (running ends in its {@code DURING}
 *       phase). A real reactor's {@code run} would not return until stopped.</li>
 *   <li>An exception thrown by a system event trigger does not stop the other triggers; it is then thrown
 *       out of {@code run}, {@code stop} or {@code fireSystemEvent}, so that the test sees it.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for; unlike a real reactor, even {@link #stop()}
 * belongs to the test's thread.
 */
public final class MemoryReactor implements ReactorCore, ReactorTCP, ReactorUDP, ReactorUnix, ReactorTime {

    /**
     * A recorded {@code listenTCP} call.
     *
     * @param port the port asked for
     * @param factory the factory given
     * @param backlog the backlog given
     * @param bindInterface the interface given; empty for every one
     * @param listeningPort the port returned
     */
    public record TcpServer(int port, Factory factory, int backlog, String bindInterface, FakePort listeningPort) {
    }

    /**
     * A recorded {@code connectTCP} call.
     *
     * @param host the host given
     * @param port the port given
     * @param factory the factory given
     * @param timeout the timeout given, in seconds
     * @param bindAddress the local address given, or null
     * @param connector the connector returned
     */
    public record TcpClient(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress, FakeConnector connector) {
    }

    /**
     * A recorded {@code listenUNIX} call.
     *
     * @param path the socket path given
     * @param factory the factory given
     * @param backlog the backlog given
     * @param mode the file permissions given
     * @param wantPID whether a lock file was asked for
     * @param listeningPort the port returned
     */
    public record UnixServer(Path path, Factory factory, int backlog, int mode, boolean wantPID,
            FakePort listeningPort) {
    }

    /**
     * A recorded {@code connectUNIX} call.
     *
     * @param path the socket path given
     * @param factory the factory given
     * @param timeout the timeout given, in seconds
     * @param checkPID whether checking the lock file was asked for
     * @param connector the connector returned
     */
    public record UnixClient(Path path, ClientFactory factory, double timeout, boolean checkPID,
            FakeConnector connector) {
    }

    /**
     * A recorded {@code listenUDP} call.
     *
     * @param port the port asked for
     * @param protocol the protocol given
     * @param bindInterface the interface given; empty for every one
     * @param maxPacketSize the largest datagram size given
     * @param datagramPort the port returned, which is also the protocol's transport
     */
    public record UdpServer(int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize,
            FakeDatagramPort datagramPort) {
    }

    private final Clock clock;
    private final SystemEventTriggers triggers = new SystemEventTriggers();
    private final List<TcpServer> tcpServers = new ArrayList<>();
    private final List<TcpClient> tcpClients = new ArrayList<>();
    private final List<UnixServer> unixServers = new ArrayList<>();
    private final List<UnixClient> unixClients = new ArrayList<>();
    private final List<UdpServer> udpServers = new ArrayList<>();
    private boolean running;
    private boolean hasRun;
    private boolean hasStopped;

    /** Creates a reactor, not yet run, with a new {@link Clock} at 0.0. */
    public MemoryReactor() {
        this(new Clock());
    }

    /**
     * Creates a reactor, not yet run, that keeps time with {@code clock}.
     *
     * @param clock the clock behind {@link #callLater} and {@link #seconds()}
     */
    public MemoryReactor(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        triggers.add(Phase.DURING, STARTUP, () -> running = true);
        triggers.add(Phase.DURING, SHUTDOWN, () -> running = false);
    }

    // ReactorCore.

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Fires {@link #STARTUP} and returns, leaving the reactor running until {@link #stop()}.
     *
     * @throws ReactorAlreadyRunning if it has run before
     */
    @Override
    public void run() {
        if (hasRun) {
            throw new ReactorAlreadyRunning(running ? "the reactor is already running"
                    : "the reactor has run before and cannot be restarted");
        }
        hasRun = true;
        triggers.fire(STARTUP);
    }

    /**
     * Fires {@link #SHUTDOWN}; the reactor stops running in its {@code DURING} phase.
     *
     * @throws ReactorNotRunning if the reactor is not running or was already stopped
     */
    @Override
    public void stop() {
        if (!running || hasStopped) {
            throw new ReactorNotRunning();
        }
        hasStopped = true;
        triggers.fire(SHUTDOWN);
    }

    @Override
    public @Nullable TriggerId callWhenRunning(Runnable call) {
        Objects.requireNonNull(call, "call");
        if (running) {
            call.run();
            return null;
        }
        return addSystemEventTrigger(Phase.AFTER, STARTUP, call);
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
        return triggers.add(phase, eventType, trigger);
    }

    /**
     * Removes a trigger that has not run yet.
     *
     * @throws IllegalArgumentException if there is no such trigger
     */
    @Override
    public void removeSystemEventTrigger(TriggerId id) {
        triggers.remove(id);
    }

    @Override
    public void fireSystemEvent(String eventType) {
        triggers.fire(Objects.requireNonNull(eventType, "eventType"));
    }

    /** Returns whether {@link #run()} has been called. */
    public boolean hasRun() {
        return hasRun;
    }

    /** Returns whether {@link #stop()} has been called. */
    public boolean hasStopped() {
        return hasStopped;
    }

    // ReactorTime.

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

    /** Returns the clock behind this reactor's time. */
    public Clock clock() {
        return clock;
    }

    /**
     * Moves this reactor's clock forward and runs the calls then due; see {@link Clock#advance(double)}.
     *
     * @param seconds how far to move
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void advance(double seconds) {
        clock.advance(seconds);
    }

    // ReactorTCP.

    /**
     * Records the call and returns a listening {@link FakePort}, having called the factory's
     * {@code doStart}. Its address is the interface given, or 0.0.0.0, with the port asked for.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code backlog} is negative
     */
    @Override
    public FakePort listenTCP(int port, Factory factory, int backlog, String bindInterface) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(bindInterface, "bindInterface");
        checkBacklog(backlog);
        FakePort listening = port(ipAddress(AddressType.TCP, bindInterface, port), factory);
        tcpServers.add(new TcpServer(port, factory, backlog, bindInterface, listening));
        listening.startListening();
        return listening;
    }

    /**
     * Records the call and returns a {@link FakeConnector} that is connecting, having told the factory
     * {@code startedConnecting}.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code timeout} is not
     *     positive
     */
    @Override
    public FakeConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(factory, "factory");
        checkTimeout(timeout);
        FakeConnector connector = new FakeConnector(ipAddress(AddressType.TCP, host, port), factory);
        tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress, connector));
        connector.begin();
        return connector;
    }

    /**
     * Listens with the defaults, as {@link ReactorTCP#listenTCP(int, Factory)}.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    @Override
    public FakePort listenTCP(int port, Factory factory) {
        return listenTCP(port, factory, DEFAULT_BACKLOG, "");
    }

    /**
     * Connects with the defaults, as {@link ReactorTCP#connectTCP(String, int, ClientFactory)}.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    @Override
    public FakeConnector connectTCP(String host, int port, ClientFactory factory) {
        return connectTCP(host, port, factory, DEFAULT_CONNECT_TIMEOUT, null);
    }

    /** Returns the {@code listenTCP} calls so far, oldest first. */
    public List<TcpServer> tcpServers() {
        return List.copyOf(tcpServers);
    }

    /** Returns the {@code connectTCP} calls so far, oldest first. */
    public List<TcpClient> tcpClients() {
        return List.copyOf(tcpClients);
    }

    // ReactorUDP.

    /**
     * Records the call and returns a {@link FakeDatagramPort}, already attached to {@code protocol} (whose
     * {@code startProtocol} has run).
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code maxPacketSize} is not
     *     positive
     */
    @Override
    public FakeDatagramPort listenUDP(int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bindInterface, "bindInterface");
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("maxPacketSize must be positive, not " + maxPacketSize);
        }
        FakeDatagramPort datagramPort = new FakeDatagramPort(ipAddress(AddressType.UDP, bindInterface, port), protocol);
        udpServers.add(new UdpServer(port, protocol, bindInterface, maxPacketSize, datagramPort));
        datagramPort.startListening();
        return datagramPort;
    }

    /**
     * Opens a UDP port with the defaults, as {@link ReactorUDP#listenUDP(int, DatagramProtocol)}.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    @Override
    public FakeDatagramPort listenUDP(int port, DatagramProtocol protocol) {
        return listenUDP(port, protocol, "", DEFAULT_MAX_PACKET_SIZE);
    }

    /** Returns the {@code listenUDP} calls so far, oldest first. */
    public List<UdpServer> udpServers() {
        return List.copyOf(udpServers);
    }

    // ReactorUnix.

    /**
     * Records the call and returns a listening {@link FakePort} at a {@link UNIXAddress}, having called the
     * factory's {@code doStart}.
     *
     * @throws IllegalArgumentException if {@code backlog} is negative
     */
    @Override
    public FakePort listenUNIX(Path path, Factory factory, int backlog, int mode, boolean wantPID) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(factory, "factory");
        checkBacklog(backlog);
        FakePort listening = port(new UNIXAddress(path), factory);
        unixServers.add(new UnixServer(path, factory, backlog, mode, wantPID, listening));
        listening.startListening();
        return listening;
    }

    /**
     * Records the call and returns a {@link FakeConnector} that is connecting.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    @Override
    public FakeConnector connectUNIX(Path path, ClientFactory factory, double timeout, boolean checkPID) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(factory, "factory");
        checkTimeout(timeout);
        FakeConnector connector = new FakeConnector(new UNIXAddress(path), factory);
        unixClients.add(new UnixClient(path, factory, timeout, checkPID, connector));
        connector.begin();
        return connector;
    }

    /** Listens with the defaults, as {@link ReactorUnix#listenUNIX(Path, Factory)}. */
    @Override
    public FakePort listenUNIX(Path path, Factory factory) {
        return listenUNIX(path, factory, DEFAULT_BACKLOG, DEFAULT_MODE, false);
    }

    /** Connects with the defaults, as {@link ReactorUnix#connectUNIX(Path, ClientFactory)}. */
    @Override
    public FakeConnector connectUNIX(Path path, ClientFactory factory) {
        return connectUNIX(path, factory, DEFAULT_CONNECT_TIMEOUT, false);
    }

    /** Returns the {@code listenUNIX} calls so far, oldest first. */
    public List<UnixServer> unixServers() {
        return List.copyOf(unixServers);
    }

    /** Returns the {@code connectUNIX} calls so far, oldest first. */
    public List<UnixClient> unixClients() {
        return List.copyOf(unixClients);
    }

    @Override
    public String toString() {
        return "MemoryReactor[" + (running ? "running" : hasStopped ? "stopped" : "not running") + ", at "
                + clock.seconds() + "]";
    }

    private static FakePort port(Address address, Factory factory) {
        return new FakePort(address, factory::doStart, factory::doStop);
    }

    /** An IPv6 address if {@code host} has a colon, else IPv4; an empty host means every interface. */
    private static Address ipAddress(AddressType type, String host, int port) {
        if (host.contains(":")) {
            return new IPv6Address(type, host, port);
        }
        return new IPv4Address(type, host.isEmpty() ? "0.0.0.0" : host, port);
    }

    private static void checkBacklog(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative, not " + backlog);
        }
    }

    private static void checkTimeout(double timeout) {
        if (!(timeout > 0)) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }
}
