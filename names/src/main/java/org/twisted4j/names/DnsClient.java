package org.twisted4j.names;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;

/**
 * A stub resolver's client, as Twisted's {@code twisted.names.client.Resolver}: asks the configured servers
 * over UDP, and over TCP when an answer comes back truncated.
 *
 * <pre>{@code
 * DnsClient client = DnsClient.create(reactor, ResolvConf.read(Path.of("/etc/resolv.conf")));
 * client.lookupAddress("example.com").addCallback(result -> { use(result.answers()); return null; });
 * }</pre>
 *
 * <h2>How a query goes</h2>
 * Each query gets a random id and is sent from a new UDP port the system picks (so both must be guessed to
 * forge an answer), with EDNS(0) offering {@value Edns#DEFAULT_PAYLOAD_SIZE}-octet answers. Only a datagram
 * from the server asked, with the query's id and question, is taken; others are dropped. With no answer within
 * the first timeout the query goes to the next server, and once every server has had its turn the next, longer
 * timeout applies: Twisted's schedule, {@link #DEFAULT_TIMEOUTS} seconds. When the last runs out, the lookup
 * fails with {@link DnsQueryTimeoutError}. A truncated answer is asked again over TCP of the same server, on
 * one connection per server shared by the queries to it (RFC 7766), closed ten seconds after the last answer.
 *
 * <h2>Results</h2>
 * {@link #query(Query)} gives the whole answer, whatever its response code. The {@code lookup*} methods of
 * {@link Resolver} give its
 * sections as a {@link LookupResult}, or fail with the {@link DnsResponseError} for its code
 * ({@link DnsNameError} for NXDOMAIN...), as Twisted's do.
 *
 * <p>Reactor thread only.
 */
public final class DnsClient implements Resolver {
    /** Twisted's retransmission schedule, in seconds. */
    public static final List<Double> DEFAULT_TIMEOUTS = List.of(1.0, 3.0, 11.0, 45.0);
    /** The DNS port. */
    public static final int PORT = 53;
    /** How long a TCP query may take, connecting included, in seconds. */
    public static final double TCP_TIMEOUT = 10;

    private final ReactorUDP udp;
    private final ReactorTCP tcp;
    private final ReactorTime time;
    private final List<Address> servers;
    private final List<Double> timeouts;
    private final SecureRandom random = new SecureRandom();
    private final Map<Address, DnsTcpChannel> tcpChannels = new HashMap<>();

    /**
     * A client of {@code servers} ({@code host, port} as {@link IPv4Address} or {@link IPv6Address}).
     *
     * @throws IllegalArgumentException if there are no servers or no timeouts, or a timeout is not positive
     */
    public DnsClient(ReactorUDP udp, ReactorTCP tcp, ReactorTime time, List<? extends Address> servers,
            List<Double> timeouts) {
        if (servers.isEmpty() || timeouts.isEmpty() || timeouts.stream().anyMatch(t -> !(t > 0))) {
            throw new IllegalArgumentException("a DNS client needs servers and positive timeouts");
        }
        this.udp = udp;
        this.tcp = tcp;
        this.time = time;
        this.servers = List.copyOf(servers);
        this.timeouts = List.copyOf(timeouts);
    }

    /** A client of the servers {@code conf} names, on port 53, with Twisted's timeouts. */
    public static <R extends ReactorUDP & ReactorTCP & ReactorTime> DnsClient create(R reactor, ResolvConf conf) {
        List<Address> servers = new ArrayList<>();
        for (String server : conf.nameservers()) {
            servers.add(address(server, PORT));
        }
        return new DnsClient(reactor, reactor, reactor, servers, DEFAULT_TIMEOUTS);
    }

    /**
     * The UDP address of a server.
     *
     * @throws IllegalArgumentException if {@code host} is not an IP address literal
     */
    public static Address address(String host, int port) {
        if (host.contains(":")) {
            return new IPv6Address(AddressType.UDP, Texts.ipv6(Records.ipv6(host)), port);
        }
        return new IPv4Address(AddressType.UDP, Records.ipv4(host).getHostAddress(), port);
    }

    /**
     * Transfers a whole zone (AXFR over TCP) from the first server, as Twisted's {@code lookupZone}.
     *
     * @return fires with the zone's records in the answers, the SOA first and last, or fails as
     *     {@link ZoneTransfer#transfer} does
     */
    public Deferred<LookupResult> lookupZone(String name) {
        Address server = servers.get(0);
        return new ZoneTransfer(tcp, time, hostOf(server), portOf(server)).transfer(Name.fromUnicode(name))
                .addCallback(records -> new LookupResult(records, List.of(), List.of()));
    }

    /**
     * Closes the TCP connections kept open for further queries (each closes by itself ten seconds after its last
     * answer); queries still waiting on one fail. For a clean stop, as at the end of a test.
     */
    public void closeConnections() {
        for (DnsTcpChannel channel : List.copyOf(tcpChannels.values())) {
            channel.close();
        }
    }

    /** Returns the servers asked, in the order they are tried. */
    public List<Address> servers() {
        return servers;
    }

    /**
     * Looks up a question's records.
     *
     * @return fires with the answer's sections, or fails with the {@link DnsResponseError} for its response
     *         code, {@link DnsQueryTimeoutError}, or what stopped the TCP query
     */
    @Override
    public Deferred<LookupResult> lookup(Query question) {
        return query(question).addCallback(response -> {
            DnsResponseError error = DnsResponseError.forResponse(response);
            if (error != null) {
                throw error;
            }
            return LookupResult.of(response);
        });
    }

    /**
     * Sends a query and gives the whole answer, whatever its response code.
     *
     * @return fires with the answer, or fails with {@link DnsQueryTimeoutError}, or what stopped the TCP query;
     *         cancelling it stops the retransmissions and closes the query's UDP port
     */
    public Deferred<Message> query(Query question) {
        return query(question, true);
    }

    /**
     * Sends a query, asking for recursion or not (an iterative resolver asks authoritative servers without it),
     * and gives the whole answer, as {@link #query(Query)}.
     */
    public Deferred<Message> query(Query question, boolean recursionDesired) {
        Message query = Message.builder().id(random.nextInt(0x10000)).recursionDesired(recursionDesired).query(question)
                .edns(Edns.defaults()).build();
        Attempt[] attempt = new Attempt[1];
        Deferred<Message> result = new Deferred<>(cancelled -> attempt[0].cancel());
        attempt[0] = new Attempt(query, result);
        attempt[0].send(0, 0);
        return result;
    }

    private static String hostOf(Address server) {
        return server instanceof IPv6Address v6 ? v6.host() : ((IPv4Address) server).host();
    }

    private static int portOf(Address server) {
        return server instanceof IPv6Address v6 ? v6.port() : ((IPv4Address) server).port();
    }

    /** The TCP connection to a server, shared by the queries to it while it is open; made when needed. */
    private DnsTcpChannel channel(Address server) {
        DnsTcpChannel open = tcpChannels.get(server);
        if (open != null) {
            return open;
        }
        DnsTcpChannel[] made = new DnsTcpChannel[1];
        made[0] = new DnsTcpChannel(time, () -> tcpChannels.remove(server, made[0]));
        DnsTcpChannel channel = made[0];
        tcpChannels.put(server, channel);
        tcp.connectTCP(hostOf(server), portOf(server), new ClientFactory() {
            @Override
            public org.twisted4j.internet.Protocol buildProtocol(Address peer) {
                return channel;
            }

            @Override
            public void clientConnectionFailed(Connector failed, Failure reason) {
                channel.connectionFailed(reason.value());
            }
        }, TCP_TIMEOUT, null);
        return channel;
    }

    /** One query going through the servers and timeouts. */
    private final class Attempt {
        private final Message query;
        private final Deferred<Message> result;
        private @Nullable ListeningPort port;
        private @Nullable DelayedCall timer;

        Attempt(Message query, Deferred<Message> result) {
            this.query = query;
            this.result = result;
        }

        void send(int round, int server) {
            Address to = servers.get(server);
            DnsDatagramProtocol protocol = new DnsDatagramProtocol(query, to, response -> answered(to, response));
            port = udp.listenUDP(0, protocol, to instanceof IPv6Address ? "::" : "", Message.MAX_MESSAGE);
            timer = time.callLater(timeouts.get(round), () -> {
                closePort();
                int next = server + 1;
                if (next < servers.size()) {
                    send(round, next);
                } else if (round + 1 < timeouts.size()) {
                    send(round + 1, 0);
                } else {
                    result.errback(new DnsQueryTimeoutError(query.queries().get(0)));
                }
            });
            try {
                protocol.send();
            } catch (RuntimeException e) {
                // Unreachable for now (no route, for example): the timer moves on to the next server.
            }
        }

        /** Stops the retransmissions and closes the port, for a cancelled query. */
        void cancel() {
            stop(timer);
            closePort();
        }

        private void closePort() {
            ListeningPort open = port;
            port = null;
            if (open != null) {
                open.stopListening();
            }
        }

        private static void stop(@Nullable DelayedCall call) {
            if (call != null && call.active()) {
                call.cancel();
            }
        }

        private void answered(Address from, Message response) {
            stop(timer);
            closePort();
            if (!response.truncated()) {
                result.callback(response);
                return;
            }
            DnsTcpChannel channel = channel(from);
            Message sent = query;
            while (channel.busy(sent.id())) {
                sent = sent.toBuilder().id(random.nextInt(0x10000)).build();
            }
            Message asked = sent;
            DelayedCall tcpTimer = time.callLater(TCP_TIMEOUT, () -> {
                channel.forget(asked);
                if (!result.isCalled()) {
                    result.errback(new DnsQueryTimeoutError(query.queries().get(0)));
                }
            });
            channel.send(asked, answer -> {
                stop(tcpTimer);
                result.callback(answer);
            }, error -> {
                if (tcpTimer.active() && !result.isCalled()) {
                    tcpTimer.cancel();
                    result.errback(error);
                }
            });
        }
    }
}
