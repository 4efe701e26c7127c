package org.twisted4j.names.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.Logger;
import org.twisted4j.names.AuthoritativeDomainError;
import org.twisted4j.names.CacheResolver;
import org.twisted4j.names.DnsFormatError;
import org.twisted4j.names.DnsNameError;
import org.twisted4j.names.LookupResult;
import org.twisted4j.names.Edns;
import org.twisted4j.names.Message;
import org.twisted4j.names.Name;
import org.twisted4j.names.Opcode;
import org.twisted4j.names.Query;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.Resolver;
import org.twisted4j.names.ResolverChain;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.authority.Answer;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.SecondaryAuthority;

/**
 * A DNS server, as Twisted's {@code DNSServerFactory}: authoritative for the zones of its authorities and, given
 * resolvers, recursive for other names (with a cache when given one). It is the
 * {@link Factory} of its TCP connections (messages framed by a 2-byte length) and, through
 * {@link #datagramProtocol()}, the protocol of its UDP port. {@link DnsService} listens on both.
 *
 * <pre>{@code
 * DNSServerFactory server = new DNSServerFactory(List.of(new Authority(Zone.fromFile(Path.of("example.zone")))));
 * reactor.listenTCP(53, server);
 * reactor.listenUDP(53, server.datagramProtocol());
 * }</pre>
 *
 * <h2>What it answers</h2>
 * <ul>
 *   <li>a query for a name in one of its zones: what that zone's {@link Authority} says (the zone with the
 *   longest origin wins);</li>
 *   <li>a name outside every zone, or a class other than the zone's: with resolvers ({@code twist dns -r}), what
 *   the cache and then the resolvers answer, asked asynchronously, the answer cached when there is a cache
 *   (negative answers for their SOA's time, RFC 2308); NXDOMAIN when they say the name does not exist (with the
 *   SOA they gave), SERVFAIL for any other failure (Twisted answers NXDOMAIN for every {@code DomainError});
 *   without resolvers, REFUSED, since it does not recurse. The RA bit says whether it recurses;</li>
 *   <li>an opcode other than QUERY: NOTIMP; more or fewer than one question: FORMERR; a message that does not
 *   parse: FORMERR when its header can be read, else nothing, with one log line either way; a response: nothing;
 *   </li>
 *   <li>EDNS(0): a query with an OPT record gets one back (payload {@value #EDNS_PAYLOAD}, the DO bit echoed);
 *   an EDNS version above 0 gets BADVERS;</li>
 *   <li>over UDP, an answer larger than the client takes (512 bytes, or its EDNS payload size) is cut to whole
 *   records with the TC bit set, so the client asks again over TCP;</li>
 *   <li>AXFR, over TCP only, to the addresses given to {@link #setAllowTransfer} (none by default): the zone,
 *   SOA first and last, in as many messages as it takes; REFUSED to anyone else.</li>
 * </ul>
 * An exception while answering is logged once and answered SERVFAIL; it never reaches the reactor.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class DNSServerFactory extends Factory {

    /** The UDP payload size this server offers in its OPT records (the DNS flag day 2020 value). */
    public static final int EDNS_PAYLOAD = 1232;
    /** The most records put in one message of a zone transfer. */
    static final int TRANSFER_CHUNK = 100;
    /** The NOTAUTH response code (RFC 2136): not authoritative for the zone asked to transfer. */
    static final int NOTAUTH = 9;

    private static final Logger log = new Logger("names");

    private final List<Authority> authorities;
    private final @Nullable CacheResolver cache;
    private final @Nullable Resolver recursion;
    private final Set<InetAddress> allowTransfer = new HashSet<>();
    private final List<Secondary> secondaries = new ArrayList<>();
    private boolean verbose;
    private @Nullable ResponseRateLimiter rateLimiter;

    /** A secondary zone and the address of its primary, the only one whose NOTIFY is heard. */
    private record Secondary(SecondaryAuthority zone, InetAddress primary) {
    }

    /** Creates an authoritative-only server for the zones of the authorities. */
    public DNSServerFactory(List<Authority> authorities) {
        this(authorities, null, List.of());
    }

    /**
     * Creates a server answering from the authorities first, then from {@code cache} and {@code clients} in
     * that order, as Twisted's {@code DNSServerFactory(authorities, caches, clients)}. It recurses when there is
     * a client; the cache is filled with what the clients answer.
     *
     * @param cache the cache, or null for none
     * @param clients the resolvers asked for names outside the zones ({@link ResolverChain} order), may be empty
     */
    public DNSServerFactory(List<Authority> authorities, @Nullable CacheResolver cache, List<? extends Resolver> clients) {
        this.authorities = List.copyOf(authorities);
        this.cache = cache;
        List<Resolver> chain = new ArrayList<>();
        if (cache != null) {
            chain.add(cache);
        }
        chain.addAll(clients);
        this.recursion = clients.isEmpty() ? null : new ResolverChain(chain);
    }

    /** Whether names outside the zones are looked up (there are resolvers): the RA bit of the answers. */
    public boolean canRecurse() {
        return recursion != null;
    }

    /** Returns the authorities, in the order given. */
    public List<Authority> authorities() {
        return authorities;
    }

    /** Logs every query and its response code when on (Twisted's {@code verbose}). */
    public DNSServerFactory setVerbose(boolean verbose) {
        this.verbose = verbose;
        return this;
    }

    /**
     * Sets the addresses allowed zone transfers (AXFR); none by default.
     *
     * @param addresses IPv4 or IPv6 address literals
     * @throws IllegalArgumentException if one is not an address literal
     */
    public DNSServerFactory setAllowTransfer(Collection<String> addresses) {
        Set<InetAddress> parsed = new HashSet<>();
        for (String address : addresses) {
            parsed.add(literal(address));
        }
        allowTransfer.clear();
        allowTransfer.addAll(parsed);
        return this;
    }

    /**
     * Serves a secondary zone (Twisted's {@code SecondaryAuthority}): its last good copy answers for it, and a
     * NOTIFY (RFC 1996) for it from {@code primaryAddress} makes it check the primary's serial at once. Before
     * its first transfer, or once its copy expired, queries for it are recursed when this server recurses and
     * answered SERVFAIL when not.
     *
     * @param primaryAddress the primary's IPv4 or IPv6 address literal
     * @throws IllegalArgumentException if it is not an address literal
     */
    public DNSServerFactory addSecondary(SecondaryAuthority secondary, String primaryAddress) {
        secondaries.add(new Secondary(secondary, literal(primaryAddress)));
        return this;
    }

    /** Limits the rate of identical UDP answers to one client network with {@code limiter}; null for no limit. */
    public DNSServerFactory setRateLimiter(@Nullable ResponseRateLimiter limiter) {
        this.rateLimiter = limiter;
        return this;
    }

    /** What of a UDP response to send to {@code peer} under the rate limit: it, its truncated form, or null. */
    byte @Nullable [] limit(byte[] response, Address peer) {
        if (rateLimiter == null) {
            return response;
        }
        return switch (rateLimiter.decide(response, peer)) {
            case SEND -> response;
            case SLIP -> ResponseRateLimiter.truncated(response);
            case DROP -> null;
        };
    }

    /** Returns the secondary zones, in the order added. */
    public List<SecondaryAuthority> secondaries() {
        return secondaries.stream().map(Secondary::zone).toList();
    }

    /** A new UDP protocol answering with this server; listen with it on the port the TCP side uses. */
    public DatagramProtocol datagramProtocol() {
        return new DnsDatagramServer(this);
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        Protocol protocol = new DnsStreamServer(this);
        protocol.setFactory(this);
        return protocol;
    }

    /**
     * Answers one message: the responses to send back (several for a zone transfer, none for what must not be
     * answered), at once for what the zones answer, later for what the resolvers look up. Never fails.
     *
     * @param stream whether the message came over TCP (no size limit but 65535, zone transfers allowed)
     */
    Deferred<List<byte[]>> respond(byte[] wire, Address peer, boolean stream) {
        try {
            return answer(wire, peer, stream);
        } catch (RuntimeException e) {
            return Deferred.succeed(failed(wire, peer, e));
        }
    }

    /**
     * {@link #respond} for an answer known to be immediate (a server without resolvers, or a name of its zones).
     *
     * @throws IllegalStateException if the answer waits on a resolver
     */
    List<byte[]> handle(byte[] wire, Address peer, boolean stream) {
        List<List<byte[]>> out = new ArrayList<>();
        respond(wire, peer, stream).addCallback(responses -> out.add(responses));
        if (out.isEmpty()) {
            throw new IllegalStateException("the answer waits on a resolver");
        }
        return out.get(0);
    }

    private static List<byte[]> failed(byte[] wire, Address peer, Throwable e) {
        log.warn("answering a query from {peer} failed: {error}", "peer", describe(peer), "error", e.toString());
        return wire.length >= 12 && (wire[2] & 0x80) == 0 ? List.of(headerOnly(wire, Rcode.SERVFAIL)) : List.of();
    }

    private Deferred<List<byte[]>> answer(byte[] wire, Address peer, boolean stream) {
        Message query;
        try {
            query = Message.parse(wire);
        } catch (DnsFormatError e) {
            log.info("malformed query from {peer}: {reason}", "peer", describe(peer), "reason", e.getMessage());
            if (wire.length < 12 || (wire[2] & 0x80) != 0) {
                return Deferred.succeed(List.of());
            }
            return Deferred.succeed(List.of(headerOnly(wire, Rcode.FORMERR)));
        }
        if (query.response()) {
            return Deferred.succeed(List.of());
        }
        Message.Builder reply = Message.builder().id(query.id()).response(true).opcode(query.opcode())
                .recursionDesired(query.recursionDesired()).recursionAvailable(recursion != null)
                .checkingDisabled(query.checkingDisabled());
        query.queries().forEach(reply::query);
        Edns edns = query.edns();
        if (edns != null) {
            reply.edns(new Edns(EDNS_PAYLOAD, 0, edns.dnssecOk(), List.of()));
            if (edns.version() > 0) {
                return Deferred.succeed(List.of(finish(reply.rcode(Rcode.BADVERS), query, peer, stream)));
            }
        }
        if (query.opcode() == Opcode.NOTIFY) {
            return Deferred.succeed(List.of(finish(notify(query, reply, peer), query, peer, stream)));
        }
        if (query.opcode() != Opcode.QUERY) {
            return Deferred.succeed(List.of(finish(reply.rcode(Rcode.NOTIMP), query, peer, stream)));
        }
        if (query.queries().size() != 1) {
            return Deferred.succeed(List.of(finish(reply.rcode(Rcode.FORMERR), query, peer, stream)));
        }
        Query question = query.queries().get(0);
        if (question.type() == RecordType.AXFR) {
            return Deferred.succeed(transfer(query, question, reply, peer, stream));
        }
        if (question.type() == RecordType.IXFR) {
            return Deferred.succeed(transfer(query, question, reply, peer, stream));
        }
        Authority authority = authorityFor(question.name());
        SecondaryAuthority secondary = secondaryFor(question.name(), authority);
        if (secondary != null) {
            authority = secondary.authority();
            if (authority == null && recursion == null) {
                return Deferred.succeed(List.of(finish(reply.rcode(Rcode.SERVFAIL), query, peer, stream)));
            }
        }
        if (authority == null || question.dnsClass() != authority.zone().dnsClass()
                && question.dnsClass() != org.twisted4j.names.DnsClass.ANY) {
            if (recursion != null) {
                return recurse(recursion, question, query, reply, wire, peer, stream);
            }
            return Deferred.succeed(List.of(finish(reply.rcode(Rcode.REFUSED), query, peer, stream)));
        }
        Answer answer = authority.lookup(question.name(), question.type(), edns != null && edns.dnssecOk());
        reply.rcode(answer.rcode()).authoritative(answer.authoritative());
        answer.answers().forEach(reply::answer);
        answer.authority().forEach(reply::authority);
        answer.additional().forEach(reply::additional);
        return Deferred.succeed(List.of(finish(reply, query, peer, stream)));
    }

    private Deferred<List<byte[]>> recurse(Resolver resolver, Query question, Message query, Message.Builder reply,
            byte[] wire, Address peer, boolean stream) {
        Deferred<LookupResult> lookup;
        try {
            lookup = resolver.lookup(question);
        } catch (RuntimeException e) {
            lookup = Deferred.fail(e);
        }
        return lookup.addCallbacks(result -> {
            result.answers().forEach(reply::answer);
            result.authority().forEach(reply::authority);
            result.additional().forEach(reply::additional);
            if (cache != null) {
                cache.cacheResult(question, result);
            }
            return List.of(finish(reply.rcode(Rcode.NOERROR), query, peer, stream));
        }, (Failure failure) -> {
            if (failure.value() instanceof AuthoritativeDomainError negative) {
                negative.response().authority().forEach(reply::authority);
                return List.of(finish(reply.rcode(negative.response().rcode()), query, peer, stream));
            }
            if (failure.value() instanceof DnsNameError missing) {
                missing.response().authority().forEach(reply::authority);
                if (cache != null) {
                    cache.cacheNegative(question, missing.response());
                }
                return List.of(finish(reply.rcode(Rcode.NXDOMAIN), query, peer, stream));
            }
            if (verbose) {
                log.info("looking up {question} failed: {error}", "question", question.toText(), "error",
                        failure.value().toString());
            }
            return List.of(finish(reply.rcode(Rcode.SERVFAIL), query, peer, stream));
        }).addErrback((Failure failure) -> failed(wire, peer, failure.value()));
    }

    private byte[] finish(Message.Builder reply, Message query, Address peer, boolean stream) {
        Message message = reply.build();
        if (verbose) {
            log.info("{peer} asked {question}: {rcode}, {count} answers", "peer", describe(peer), "question",
                    query.queries().isEmpty() ? "nothing" : query.queries().get(0).toText(), "rcode",
                    Rcode.toText(message.rcode()), "count", message.answers().size());
        }
        int limit = stream ? Message.MAX_MESSAGE : Math.min(query.maxPayload(), Math.max(EDNS_PAYLOAD,
                Message.UDP_PAYLOAD_WITHOUT_EDNS));
        return message.toBytes(limit);
    }

    /**
     * Answers AXFR and IXFR to the addresses allowed. Without a history of changes, an IXFR (RFC 1995) is
     * answered with the SOA alone when the client's serial is current, or over UDP (to send the client to TCP),
     * and otherwise with the whole zone in AXFR's form, as the RFC allows.
     */
    private List<byte[]> transfer(Message query, Query question, Message.Builder reply, Address peer,
            boolean stream) {
        boolean incremental = question.type() == RecordType.IXFR;
        if (!stream && !incremental || !allowed(peer)) {
            log.info("zone transfer of {zone} refused to {peer}", "zone", question.name(), "peer", describe(peer));
            return List.of(finish(reply.rcode(Rcode.REFUSED), query, peer, stream));
        }
        Authority authority = null;
        for (Authority each : authorities) {
            if (each.zone().origin().equals(question.name())) {
                authority = each;
            }
        }
        for (Secondary each : secondaries) {
            Authority copy = each.zone().authority();
            if (copy != null && copy.zone().origin().equals(question.name())) {
                authority = copy;
            }
        }
        if (authority == null) {
            return List.of(finish(reply.rcode(NOTAUTH), query, peer, stream));
        }
        ResourceRecord soa = authority.zone().soa();
        if (incremental) {
            Long clientSerial = null;
            for (ResourceRecord record : query.authority()) {
                if (record.data() instanceof SoaRecord theirs && record.name().equals(question.name())) {
                    clientSerial = theirs.serial();
                }
            }
            if (clientSerial == null) {
                return List.of(finish(reply.rcode(Rcode.FORMERR), query, peer, stream));
            }
            long ours = ((SoaRecord) soa.data()).serial();
            if (!stream || !SecondaryAuthority.serialGreater(ours, clientSerial)) {
                log.info("IXFR of {zone} to {peer}: the SOA alone", "zone", question.name(), "peer", describe(peer));
                return List.of(finish(reply.authoritative(true).answer(soa), query, peer, stream));
            }
        }
        List<ResourceRecord> records = new ArrayList<>();
        records.add(soa);
        for (ResourceRecord record : authority.zone().records()) {
            if (record.type() != RecordType.SOA) {
                records.add(record);
            }
        }
        records.add(soa);
        log.info("zone transfer of {zone} ({count} records) to {peer}", "zone", question.name(), "count",
                records.size(), "peer", describe(peer));
        List<byte[]> messages = new ArrayList<>();
        int start = 0;
        int chunk = TRANSFER_CHUNK;
        while (start < records.size()) {
            Message.Builder message = start == 0 ? reply.authoritative(true)
                    : Message.builder().id(query.id()).response(true).opcode(query.opcode()).authoritative(true);
            int end = Math.min(records.size(), start + chunk);
            records.subList(start, end).forEach(message::answer);
            try {
                messages.add(message.build().toBytes());
            } catch (IllegalArgumentException tooLarge) {
                if (chunk > 1) {
                    chunk = Math.max(1, chunk / 2);
                    if (start == 0) {
                        reply.clearSections();
                        reply.query(question);
                    }
                    continue;
                }
                log.warn("zone transfer of {zone}: {record} does not fit in a message; left out", "zone",
                        question.name(), "record", records.get(start).name());
            }
            start = end;
            chunk = TRANSFER_CHUNK;
        }
        return messages;
    }

    private @Nullable Authority authorityFor(Name name) {
        Authority best = null;
        for (Authority authority : authorities) {
            if (authority.covers(name) && (best == null
                    || authority.zone().origin().labelCount() > best.zone().origin().labelCount())) {
                best = authority;
            }
        }
        return best;
    }

    /** The most specific secondary zone holding the name, if it is more specific than {@code best}. */
    private @Nullable SecondaryAuthority secondaryFor(Name name, @Nullable Authority best) {
        SecondaryAuthority found = null;
        int labels = best == null ? -1 : best.zone().origin().labelCount();
        for (Secondary each : secondaries) {
            if (each.zone().covers(name) && each.zone().domain().labelCount() > labels) {
                found = each.zone();
                labels = each.zone().domain().labelCount();
            }
        }
        return found;
    }

    /**
     * Answers a NOTIFY (RFC 1996 §3.7): one SOA question for a secondary zone, from that zone's primary, is
     * acknowledged and makes the zone check its primary; a zone not served here is NOTAUTH, any other sender
     * REFUSED.
     */
    private Message.Builder notify(Message query, Message.Builder reply, Address peer) {
        if (query.queries().size() != 1) {
            return reply.rcode(Rcode.FORMERR);
        }
        Query question = query.queries().get(0);
        for (Secondary each : secondaries) {
            if (!each.zone().domain().equals(question.name())) {
                continue;
            }
            if (!each.primary().equals(hostOf(peer))) {
                log.info("NOTIFY for {zone} from {peer}, not its primary", "zone", question.name(), "peer",
                        describe(peer));
                return reply.rcode(Rcode.REFUSED);
            }
            each.zone().notified();
            return reply.authoritative(true).rcode(Rcode.NOERROR);
        }
        return reply.rcode(NOTAUTH);
    }

    private static @Nullable InetAddress hostOf(Address peer) {
        String host = switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> null;
        };
        if (host == null) {
            return null;
        }
        try {
            return literal(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean allowed(Address peer) {
        String host = switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> null;
        };
        if (host == null || allowTransfer.isEmpty()) {
            return false;
        }
        try {
            return allowTransfer.contains(literal(host));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static InetAddress literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        int percent = bare.indexOf('%');
        if (percent >= 0) {
            bare = bare.substring(0, percent);
        }
        boolean v4 = bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    /** A response of the query's header alone: its id and opcode, QR set, no records. */
    private static byte[] headerOnly(byte[] wire, int rcode) {
        byte[] out = new byte[12];
        out[0] = wire[0];
        out[1] = wire[1];
        out[2] = (byte) (0x80 | (wire[2] & 0x79));
        out[3] = (byte) (rcode & 0x0F);
        return out;
    }

    static String describe(Address peer) {
        return switch (peer) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            default -> peer.toString();
        };
    }
}
