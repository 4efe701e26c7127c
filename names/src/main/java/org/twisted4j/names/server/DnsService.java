package org.twisted4j.names.server;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.AbstractService;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;
import org.twisted4j.logger.Logger;
import org.twisted4j.names.authority.SecondaryAuthority;
import org.twisted4j.protocols.policies.TimeoutFactory;

/**
 * Listens with a {@link DNSServerFactory} on one port number over both TCP and UDP, as {@code twist dns} does.
 * Port 0 picks a free TCP port and listens on the same number over UDP, trying again with another if that
 * number is taken over UDP; {@link #port()} then says which. With a reactor that keeps time, a TCP connection
 * idle for {@value #TCP_IDLE_SECONDS} seconds is closed.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class DnsService extends AbstractService {

    /** How many TCP ports are tried when port 0 finds the UDP side of one taken. */
    static final int ATTEMPTS = 10;
    /** How long a TCP connection may stay idle before it is closed (as BIND's {@code tcp-idle-timeout}). */
    public static final double TCP_IDLE_SECONDS = 30;
    /** The largest query datagram read. */
    static final int MAX_DATAGRAM = 0xFFFF;

    private static final Logger log = new Logger("names");

    private final ReactorTCP tcp;
    private final ReactorUDP udp;
    private final DNSServerFactory server;
    private final int requestedPort;
    private final String bindInterface;
    private @Nullable ListeningPort tcpPort;
    private @Nullable ListeningPort udpPort;

    /**
     * Creates the service; it listens when started.
     *
     * @param reactor a reactor with TCP and UDP
     * @param port the port number, 0 for any free one
     * @param bindInterface the address to listen on, {@code ""} for all
     * @throws IllegalArgumentException if the reactor lacks TCP or UDP, or the port is out of range
     */
    public DnsService(Object reactor, DNSServerFactory server, int port, String bindInterface) {
        if (!(reactor instanceof ReactorTCP t) || !(reactor instanceof ReactorUDP u)) {
            throw new IllegalArgumentException("a DNS server needs a reactor with TCP and UDP");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.tcp = t;
        this.udp = u;
        this.server = Objects.requireNonNull(server, "server");
        this.requestedPort = port;
        this.bindInterface = Objects.requireNonNull(bindInterface, "bindInterface");
    }

    /**
     * Listens on both sides.
     *
     * @throws CannotListenError if either side cannot listen
     */
    @Override
    public void startService() {
        super.startService();
        CannotListenError last = null;
        for (int attempt = 0; attempt < (requestedPort == 0 ? ATTEMPTS : 1); attempt++) {
            Factory factory = tcp instanceof ReactorTime time ? new TimeoutFactory(server, time, TCP_IDLE_SECONDS) : server;
            ListeningPort stream = tcp.listenTCP(requestedPort, factory, ReactorTCP.DEFAULT_BACKLOG, bindInterface);
            int port = port(stream.getHost());
            try {
                udpPort = udp.listenUDP(port, server.datagramProtocol(), bindInterface, MAX_DATAGRAM);
                tcpPort = stream;
                log.info("dns listening on {address} (TCP and UDP)", "address", describe(stream.getHost()));
                server.secondaries().forEach(SecondaryAuthority::start);
                return;
            } catch (CannotListenError e) {
                stream.stopListening();
                last = e;
            }
        }
        throw Objects.requireNonNull(last);
    }

    @Override
    public Deferred<@Nullable Void> stopService() {
        super.stopService();
        server.secondaries().forEach(SecondaryAuthority::stop);
        ListeningPort stream = tcpPort;
        ListeningPort datagrams = udpPort;
        tcpPort = null;
        udpPort = null;
        if (stream == null || datagrams == null) {
            return Deferred.succeed(null);
        }
        Deferred<List<@Nullable Void>> both = Deferred.gatherResults(
                List.of(stream.stopListening(), datagrams.stopListening()));
        return both.addCallback(ignored -> null);
    }

    /**
     * Returns the port number listened on.
     *
     * @throws IllegalStateException if not listening
     */
    public int port() {
        ListeningPort stream = tcpPort;
        if (stream == null) {
            throw new IllegalStateException("not listening");
        }
        return port(stream.getHost());
    }

    private static int port(Address address) {
        return switch (address) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            default -> throw new IllegalStateException("not an IP port: " + address);
        };
    }

    private static String describe(Address address) {
        return DNSServerFactory.describe(address);
    }
}
