package org.twisted4j.names.authority;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.names.DnsClass;
import org.twisted4j.names.Name;
import org.twisted4j.names.RecordData;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;

/**
 * The records of one DNS zone: its origin, its SOA, and every record at or below the origin, grouped by owner
 * and type. Read from a BIND master file ({@link #fromFile}) or built in Java ({@link #builder}, the analogue of
 * Twisted's Python-source zones); an {@link Authority} answers queries from it.
 *
 * <pre>{@code
 * Zone zone = Zone.builder("example.com")
 *         .soa(3600, "ns1.example.com", "hostmaster.example.com", 2024010101, 7200, 900, 1209600, 300)
 *         .add("example.com", 3600, new NsRecord(Name.of("ns1.example.com")))
 *         .add("ns1.example.com", 3600, ARecord.of("192.0.2.1"))
 *         .build();
 * }</pre>
 *
 * <h2>What a zone must hold</h2>
 * Exactly one SOA record, at the origin; every record at or below the origin (glue below a delegation
 * included); no other data beside a CNAME; one class throughout.
 *
 * <h2>Threading</h2>
 * Immutable once built; any thread.
 */
public final class Zone {

    private final Name origin;
    private final ResourceRecord soa;
    private final int dnsClass;
    private final Map<Name, Map<Integer, List<ResourceRecord>>> nodes;
    private final Set<Name> names;
    private final List<ResourceRecord> records;

    private Zone(Name origin, ResourceRecord soa, List<ResourceRecord> records) {
        this.origin = origin;
        this.soa = soa;
        this.dnsClass = soa.dnsClass();
        Map<Name, Map<Integer, List<ResourceRecord>>> byName = new LinkedHashMap<>();
        Set<Name> existing = new HashSet<>();
        for (ResourceRecord record : records) {
            Map<Integer, List<ResourceRecord>> node = byName.computeIfAbsent(record.name(), n -> new LinkedHashMap<>());
            List<ResourceRecord> set = node.computeIfAbsent(record.type(), t -> new ArrayList<>());
            if (!set.contains(record)) {
                set.add(record);
            }
            for (Name name = record.name(); !name.equals(origin) && !name.isRoot(); name = name.parent()) {
                if (!existing.add(name)) {
                    break;
                }
            }
        }
        existing.add(origin);
        byName.replaceAll((name, node) -> {
            node.replaceAll((type, set) -> List.copyOf(set));
            return Collections.unmodifiableMap(node);
        });
        this.nodes = Collections.unmodifiableMap(byName);
        this.names = Set.copyOf(existing);
        this.records = List.copyOf(records);
    }

    /**
     * Reads a BIND master file; the zone's origin is the owner of its SOA record, as for Twisted's
     * {@code --bindzone}.
     *
     * @throws ZoneFileError if the file cannot be read, is malformed, or does not make a zone
     */
    public static Zone fromFile(Path file) {
        return fromRecords(file.toString(), new ZoneFileParser().parse(file, "."), null);
    }

    /**
     * Reads a BIND master file whose relative names are relative to {@code origin}.
     *
     * @throws ZoneFileError if the file cannot be read, is malformed, or does not make a zone for the origin
     */
    public static Zone fromFile(Path file, String origin) {
        List<ResourceRecord> records = new ZoneFileParser().parse(file, origin);
        return fromRecords(file.toString(), records, Name.of(origin));
    }

    static Zone fromRecords(String source, List<ResourceRecord> records, @Nullable Name origin) {
        Name apex = origin;
        if (apex == null) {
            for (ResourceRecord record : records) {
                if (record.type() == RecordType.SOA) {
                    apex = record.name();
                    break;
                }
            }
            if (apex == null) {
                throw new ZoneFileError(source, 0, "no SOA record");
            }
        }
        Builder builder = new Builder(apex);
        for (ResourceRecord record : records) {
            builder.add(record);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ZoneFileError(source, 0, String.valueOf(e.getMessage()));
        }
    }

    /** Starts a zone built in Java, for the origin in presentation form. */
    public static Builder builder(String origin) {
        return new Builder(Name.of(origin));
    }

    /** Starts a zone built in Java. */
    public static Builder builder(Name origin) {
        return new Builder(origin);
    }

    /** The zone's origin, the name of its SOA. */
    public Name origin() {
        return origin;
    }

    /** The zone's SOA record. */
    public ResourceRecord soa() {
        return soa;
    }

    /** The zone's class. */
    public int dnsClass() {
        return dnsClass;
    }

    /** Every record, in the order given, the SOA among them. */
    public List<ResourceRecord> records() {
        return records;
    }

    /** Whether the name is at or below the origin. */
    public boolean contains(Name name) {
        return name.isSubdomainOf(origin);
    }

    /** The records at the name, by type; empty if none. */
    Map<Integer, List<ResourceRecord>> node(Name name) {
        Map<Integer, List<ResourceRecord>> node = nodes.get(name);
        return node == null ? Map.of() : node;
    }

    /** Whether the name exists: it owns records, or names below it do (an empty non-terminal). */
    boolean exists(Name name) {
        return names.contains(name);
    }

    /** The number of owner names holding records. */
    public int size() {
        return nodes.size();
    }

    /**
     * Collects the records of a {@link Zone} built in Java.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Name origin;
        private final List<ResourceRecord> records = new ArrayList<>();

        Builder(Name origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        /** Adds a record. */
        public Builder add(ResourceRecord record) {
            records.add(Objects.requireNonNull(record, "record"));
            return this;
        }

        /**
         * Adds a record in class IN; the owner is in presentation form, relative names taken as absolute.
         *
         * @throws IllegalArgumentException if the owner is not a valid name
         */
        public Builder add(String owner, long ttl, RecordData data) {
            return add(new ResourceRecord(Name.of(owner), DnsClass.IN, ttl, data));
        }

        /** Adds the SOA record at the origin, in class IN. */
        public Builder soa(long ttl, String mname, String rname, long serial, long refresh, long retry, long expire,
                long minimum) {
            return add(new ResourceRecord(origin, DnsClass.IN, ttl,
                    new SoaRecord(Name.of(mname), Name.of(rname), serial, refresh, retry, expire, minimum)));
        }

        /**
         * Builds the zone.
         *
         * @throws IllegalArgumentException if there is not exactly one SOA at the origin, a record lies outside
         *     the zone, classes differ, or a CNAME shares its owner with other data
         */
        public Zone build() {
            ResourceRecord soa = null;
            for (ResourceRecord record : records) {
                if (!record.name().isSubdomainOf(origin)) {
                    throw new IllegalArgumentException(record.name() + " is outside the zone " + origin);
                }
                if (record.type() == RecordType.SOA) {
                    if (!record.name().equals(origin)) {
                        throw new IllegalArgumentException("a SOA record at " + record.name() + ", not at the origin "
                                + origin);
                    }
                    if (soa != null && !soa.equals(record)) {
                        throw new IllegalArgumentException("more than one SOA record at " + origin);
                    }
                    soa = record;
                }
            }
            if (soa == null) {
                throw new IllegalArgumentException("no SOA record at " + origin);
            }
            for (ResourceRecord record : records) {
                if (record.dnsClass() != soa.dnsClass()) {
                    throw new IllegalArgumentException("class " + DnsClass.toText(record.dnsClass()) + " of "
                            + record.name() + " differs from the SOA's");
                }
            }
            Zone zone = new Zone(origin, soa, records);
            zone.nodes.forEach((name, node) -> {
                if (node.containsKey(RecordType.CNAME) && node.size() > 1 && !onlyDnssec(node)) {
                    throw new IllegalArgumentException("a CNAME at " + name + " beside other data");
                }
            });
            return zone;
        }

        private static boolean onlyDnssec(Map<Integer, List<ResourceRecord>> node) {
            for (int type : node.keySet()) {
                if (type != RecordType.CNAME && type != RecordType.RRSIG && type != RecordType.NSEC) {
                    return false;
                }
            }
            return true;
        }
    }
}
