package org.twisted4j.runner;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.internet.endpoints.TCP6ServerEndpoint;
import org.twisted4j.logger.Logger;

/**
 * An inetd: a service that listens on the port of each {@code inetd.conf} entry it supports and answers
 * each connection with the entry's program ({@link InetdFactory}) or internal service
 * ({@link InternalServices}), as Twisted's {@code inetdtap.makeService}.
 *
 * <pre>{@code
 * List<InetdEntry> entries = InetdConf.read(InetdConf.DEFAULT_FILE, KnownServices.system());
 * new InetdService(reactor, entries).setServiceParent(application);
 * }</pre>
 *
 * <h2>What is supported</h2>
 * {@code stream} entries over {@code tcp} (and {@code tcp4}, on every IPv4 interface) or {@code tcp6} (on
 * every interface) with {@code nowait}. Every other entry is skipped with one line in the log saying why:
 * {@code wait} services (which take over the listening socket, something Java cannot hand to a child),
 * {@code dgram}/{@code udp} and other socket types, {@code rpc/...} services, internal services with an
 * unknown name, and internal services when they are turned off. The {@code user} and {@code group} fields
 * are read but not applied: every program runs as this program's user, and an entry naming another user
 * is logged once as a warning.
 *
 * <p>Each supported entry becomes a child {@link StreamServerEndpointService}, in the file's order; its
 * port opens when this service starts (and is logged once open) and closes when it stops. A port that
 * cannot be opened is logged by its child, or thrown from the start if the child was set to
 * {@linkplain StreamServerEndpointService#setRaiseSynchronously raise}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class InetdService extends MultiService {
    private static final Logger LOG = Logger.forClass(InetdService.class);

    private final Map<InetdEntry, StreamServerEndpointService> servers = new LinkedHashMap<>();

    /**
     * Creates the service for {@code entries}, with the internal services on and the system's clock for
     * daytime and time.
     *
     * @param reactor listens, runs the programs, and schedules chargen, such as a {@code NioReactor}
     * @param entries the services, usually from {@link InetdConf}
     * @param <R> the reactor's type
     */
    public <R extends ReactorTCP & ReactorProcess & ReactorTime> InetdService(R reactor, List<InetdEntry> entries) {
        this(reactor, reactor, reactor, Clock.systemUTC(), entries, true);
    }

    /**
     * Creates the service for {@code entries}.
     *
     * @param tcp listens on the ports
     * @param processes runs the programs
     * @param time schedules chargen's writing
     * @param wallClock tells daytime and time the date
     * @param entries the services, usually from {@link InetdConf}
     * @param runInternal false to skip the internal services, as Twisted's {@code --nointernal}
     */
    public InetdService(ReactorTCP tcp, ReactorProcess processes, ReactorTime time, Clock wallClock,
            List<InetdEntry> entries, boolean runInternal) {
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(wallClock, "wallClock");
        String currentUser = System.getProperty("user.name", "");
        for (InetdEntry entry : entries) {
            Factory factory = factoryFor(entry, processes, time, wallClock, runInternal);
            if (factory == null) {
                continue;
            }
            if (!entry.isInternal() && !entry.user().equals(currentUser)) {
                LOG.warn("service {service} asks for user {user}; it runs as {current}, the user of this program",
                        "service", entry.name(), "user", entry.user(), "current", currentUser);
            }
            StreamServerEndpoint endpoint = entry.protocol().equals("tcp6")
                    ? new TCP6ServerEndpoint(tcp, entry.port())
                    : new TCP4ServerEndpoint(tcp, entry.port());
            StreamServerEndpointService server = new StreamServerEndpointService(endpoint, factory);
            server.setServiceParent(this);
            servers.put(entry, server);
        }
    }

    private static @Nullable Factory factoryFor(InetdEntry entry, ReactorProcess processes, ReactorTime time,
            Clock wallClock, boolean runInternal) {
        String skip = whySkipped(entry, runInternal);
        if (skip != null) {
            LOG.info("skipping service {service}: {reason}", "service", entry.name(), "reason", skip);
            return null;
        }
        if (entry.isInternal()) {
            return InternalServices.forName(entry.name(), time, wallClock);
        }
        return new InetdFactory(processes, entry);
    }

    private static @Nullable String whySkipped(InetdEntry entry, boolean runInternal) {
        if (entry.protocol().startsWith("rpc/")) {
            return "rpc services are not supported";
        }
        if (!entry.socketType().equals("stream") || !List.of("tcp", "tcp4", "tcp6").contains(entry.protocol())) {
            return entry.socketType() + "/" + entry.protocol() + " is not supported, only stream/tcp";
        }
        if (entry.waits()) {
            return "wait services are not supported, only nowait";
        }
        if (entry.isInternal() && !runInternal) {
            return "internal services are turned off";
        }
        if (entry.isInternal() && !InternalServices.NAMES.contains(entry.name())) {
            return "there is no internal service called " + entry.name();
        }
        return null;
    }

    /**
     * Starts every child, each listening on its entry's port; once a port is open, the line
     * {@code service NAME listening on ADDRESS} is logged at level info.
     */
    @Override
    public void startService() {
        super.startService();
        servers.forEach((entry, server) -> server.whenListening().addCallbacks(port -> {
            LOG.info("service {service} listening on {address}", "service", entry.name(), "address", port.getHost());
            return null;
        }, failure -> null));
    }

    /** Returns the entries this service listens for, in the file's order; skipped ones are not there. */
    public List<InetdEntry> entries() {
        return new ArrayList<>(servers.keySet());
    }

    /**
     * Returns the child service that listens for {@code entry}; its {@link
     * StreamServerEndpointService#whenListening()} tells the port once open.
     *
     * @param entry one of {@link #entries()}
     * @return the child
     * @throws NoSuchElementException if this service does not listen for {@code entry}
     */
    public StreamServerEndpointService serverFor(InetdEntry entry) {
        StreamServerEndpointService server = servers.get(entry);
        if (server == null) {
            throw new NoSuchElementException("no server for " + entry);
        }
        return server;
    }
}
