package org.twisted4j.names;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Answers from a hosts(5) file, as Twisted's {@code twisted.names.hosts.Resolver}: {@code A} and {@code AAAA}
 * records for the names and aliases of its lines, matched without regard to case, with a TTL of
 * {@value #DEFAULT_TTL} seconds unless told otherwise. {@code ANY} gives the IPv4 addresses, as Twisted's does.
 *
 * <pre>{@code
 * Resolver hosts = new HostsResolver(Path.of("/etc/hosts"));
 * }</pre>
 *
 * <h2>Failures</h2>
 * A name the file does not have (or a missing file) fails with {@link DnsNameError}, so a
 * {@link ResolverChain} asks its next resolver; a type other than A, AAAA or ANY, or a class other than IN, fails
 * with {@link UnsupportedOperationException}, which the chain passes on as well.
 *
 * <h2>Re-reading</h2>
 * The file is read again at a lookup when its modification time or size changed since it was last read. Only
 * its first {@value #MAX_FILE_SIZE} bytes are read; lines are parsed leniently (a bad address or name is skipped).
 *
 * <p>Reactor thread only (a lookup reads the file, which is small, on the calling thread, as Twisted's does).
 */
public final class HostsResolver implements Resolver {
    /** Twisted's TTL of hosts file answers: one hour. */
    public static final long DEFAULT_TTL = 60 * 60;
    /** The most bytes of the file read. */
    public static final int MAX_FILE_SIZE = 1024 * 1024;

    private final WatchedFile watched;
    private final long ttl;
    private Map<Name, List<RecordData>> entries = Map.of();

    /** Answers from {@code file} with Twisted's TTL. */
    public HostsResolver(Path file) {
        this(file, DEFAULT_TTL);
    }

    /**
     * Answers from {@code file} with records of {@code ttl} seconds.
     *
     * @throws IllegalArgumentException if the TTL is negative or above 2^32-1
     */
    public HostsResolver(Path file, long ttl) {
        this.watched = new WatchedFile(file, MAX_FILE_SIZE);
        Records.checkU32(ttl, "ttl");
        this.ttl = ttl;
    }

    @Override
    public Deferred<LookupResult> lookup(Query query) {
        if (query.dnsClass() != DnsClass.IN || query.type() != RecordType.A && query.type() != RecordType.AAAA
                && query.type() != RecordType.ANY) {
            return Deferred.fail(new UnsupportedOperationException("a hosts file has no " + query.toText()));
        }
        int type = query.type() == RecordType.ANY ? RecordType.A : query.type();
        List<ResourceRecord> answers = new ArrayList<>();
        for (RecordData data : current().getOrDefault(query.name(), List.of())) {
            if (data.type() == type) {
                answers.add(ResourceRecord.of(query.name(), ttl, data));
            }
        }
        if (answers.isEmpty()) {
            return Deferred.fail(new DnsNameError(Message.builder().response(true).rcode(Rcode.NXDOMAIN)
                    .query(query).build()));
        }
        return Deferred.succeed(new LookupResult(answers, List.of(), List.of()));
    }

    private Map<Name, List<RecordData>> current() {
        switch (watched.check()) {
            case WatchedFile.Read read -> entries = parse(new String(read.bytes(), StandardCharsets.UTF_8));
            case WatchedFile.Missing missing -> entries = Map.of();
            case WatchedFile.Unchanged unchanged -> {
            }
        }
        return entries;
    }

    /**
     * The addresses of each name in hosts(5) text: {@code address name [alias...]} lines, {@code #} comments.
     * Lines whose address is neither IPv4 nor IPv6, and names that are not domain names, are skipped. Never
     * throws.
     */
    static Map<Name, List<RecordData>> parse(String text) {
        Map<Name, List<RecordData>> parsed = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            int hash = line.indexOf('#');
            String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("[ \t\r\f\u000b]+");
            if (fields.length < 2) {
                continue;
            }
            RecordData address = address(fields[0]);
            if (address == null) {
                continue;
            }
            for (int i = 1; i < fields.length; i++) {
                try {
                    List<RecordData> addresses = parsed.computeIfAbsent(Name.of(fields[i]), n -> new ArrayList<>());
                    if (!addresses.contains(address)) {
                        addresses.add(address);
                    }
                } catch (IllegalArgumentException badName) {
                    // skipped, as Twisted's lenient reading does
                }
            }
        }
        return parsed;
    }

    private static @Nullable RecordData address(String text) {
        try {
            if (text.contains(":")) {
                int percent = text.indexOf('%');
                return new AaaaRecord(Records.ipv6(percent >= 0 ? text.substring(0, percent) : text));
            }
            return new ARecord(Records.ipv4(text));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
