package org.twisted4j.names.authority;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.names.CnameRecord;
import org.twisted4j.names.DnameRecord;
import org.twisted4j.names.MxRecord;
import org.twisted4j.names.Name;
import org.twisted4j.names.NsRecord;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordData;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.RrsigRecord;
import org.twisted4j.names.SoaRecord;
import org.twisted4j.names.SrvRecord;

/**
 * Answers queries from one {@link Zone}, as Twisted's {@code FileAuthority} does, following RFC 1034 §4.3.2:
 *
 * <ul>
 *   <li>data at the name: the records, authoritative (AA), with the addresses of MX, SRV and NS targets found in
 *   the zone as additional records;</li>
 *   <li>a CNAME at the name: the CNAME, then what its target holds, as long as the target is in the zone (a loop
 *   or a chain over {@value #MAX_CHAIN} stops);</li>
 *   <li>a DNAME above the name (RFC 6672): the DNAME, a CNAME from the name to its substitute, then what the
 *   substitute holds when it is in the zone; YXDOMAIN if the substitute would be too long;</li>
 *   <li>a name below a delegation (NS records below the origin): a referral, not authoritative, the NS records
 *   in the authority section and their addresses (glue) in the additional section; a DS query at the cut itself
 *   is answered from this zone;</li>
 *   <li>no such name: a wildcard at the closest encloser answers in its place (RFC 4592), its records given the
 *   queried name; else NXDOMAIN;</li>
 *   <li>the name but not the type (NODATA) and NXDOMAIN: the SOA in the authority section, its TTL the lower of
 *   the SOA's TTL and its minimum (RFC 2308 §3).</li>
 * </ul>
 * When the query asks for DNSSEC records (the DO bit), the RRSIG records covering an answer's type at its owner
 * go with it.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class Authority {

    /** The YXDOMAIN response code (RFC 6672 §2.2): a DNAME substitution made a name too long. */
    static final int YXDOMAIN = 6;

    /** The most CNAME records followed for one query. */
    public static final int MAX_CHAIN = 16;

    private final Zone zone;

    /** Creates the authority for the zone. */
    public Authority(Zone zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Returns the zone. */
    public Zone zone() {
        return zone;
    }

    /** Whether the name is at or below the zone's origin. */
    public boolean covers(Name name) {
        return zone.contains(name);
    }

    /**
     * Answers a query for a name this authority {@linkplain #covers covers}.
     *
     * @param type the queried type; {@link RecordType#ANY} gives every record at the name
     * @param dnssec whether RRSIG records go with the answers (the query's DO bit)
     * @throws IllegalArgumentException if the name is outside the zone
     */
    public Answer lookup(Name name, int type, boolean dnssec) {
        if (!covers(name)) {
            throw new IllegalArgumentException(name + " is outside the zone " + zone.origin());
        }
        Lookup lookup = new Lookup(dnssec);
        return lookup.run(name, type);
    }

    /** One query's answer as it is put together. */
    private final class Lookup {
        private final boolean dnssec;
        private final List<ResourceRecord> answers = new ArrayList<>();
        private final List<ResourceRecord> authority = new ArrayList<>();
        private final List<ResourceRecord> additional = new ArrayList<>();

        Lookup(boolean dnssec) {
            this.dnssec = dnssec;
        }

        Answer run(Name queried, int type) {
            Name name = queried;
            Set<Name> seen = new HashSet<>();
            for (int chain = 0;; chain++) {
                Name cut = delegation(name, type);
                if (cut != null) {
                    authority.addAll(zone.node(cut).getOrDefault(RecordType.NS, List.of()));
                    addAddresses(authority);
                    return answer(Rcode.NOERROR, !answers.isEmpty());
                }
                ResourceRecord dname = dnameAbove(name);
                if (dname != null) {
                    answers.add(dname);
                    Name target = substituted(name, dname);
                    if (target == null) {
                        return answer(YXDOMAIN, true);
                    }
                    answers.add(new ResourceRecord(name, dname.dnsClass(), dname.ttl(), new CnameRecord(target)));
                    seen.add(name);
                    if (!zone.contains(target) || seen.contains(target) || chain + 1 >= MAX_CHAIN) {
                        return answer(Rcode.NOERROR, true);
                    }
                    name = target;
                    continue;
                }
                Map<Integer, List<ResourceRecord>> node = zone.node(name);
                boolean synthesized = false;
                if (!zone.exists(name)) {
                    node = zone.node(closestEncloser(name).child("*"));
                    if (node.isEmpty()) {
                        authority.add(negativeSoa());
                        return answer(Rcode.NXDOMAIN, true);
                    }
                    synthesized = true;
                }
                List<ResourceRecord> found = type == RecordType.ANY ? all(node) : node.get(type);
                if (found != null && !found.isEmpty()) {
                    for (ResourceRecord record : found) {
                        answers.add(synthesized ? renamed(record, name) : record);
                    }
                    if (dnssec && type != RecordType.ANY && type != RecordType.RRSIG) {
                        signatures(node, type, synthesized ? name : null);
                    }
                    addAddresses(answers);
                    return answer(Rcode.NOERROR, true);
                }
                List<ResourceRecord> cname = node.get(RecordType.CNAME);
                if (cname != null && !cname.isEmpty() && type != RecordType.CNAME) {
                    ResourceRecord record = cname.get(0);
                    answers.add(synthesized ? renamed(record, name) : record);
                    if (dnssec) {
                        signatures(node, RecordType.CNAME, synthesized ? name : null);
                    }
                    Name target = ((CnameRecord) record.data()).target();
                    seen.add(name);
                    if (!zone.contains(target) || seen.contains(target) || chain + 1 >= MAX_CHAIN) {
                        return answer(Rcode.NOERROR, true);
                    }
                    name = target;
                    continue;
                }
                authority.add(negativeSoa());
                return answer(Rcode.NOERROR, true);
            }
        }

        private Answer answer(int rcode, boolean authoritative) {
            return new Answer(rcode, authoritative, answers, authority, additional);
        }

        /** The highest zone cut on the way from the origin down to the name, or null. */
        private @Nullable Name delegation(Name name, int type) {
            List<Name> path = new ArrayList<>();
            for (Name n = name; !n.equals(zone.origin()) && !n.isRoot(); n = n.parent()) {
                path.add(n);
            }
            for (int i = path.size() - 1; i >= 0; i--) {
                Name n = path.get(i);
                if (zone.node(n).containsKey(RecordType.NS) && !(i == 0 && type == RecordType.DS)) {
                    return n;
                }
            }
            return null;
        }

        /** The DNAME record at the nearest name above this one, up to the origin, or null. */
        private @Nullable ResourceRecord dnameAbove(Name name) {
            for (Name n = name; !n.equals(zone.origin()) && !n.isRoot();) {
                n = n.parent();
                List<ResourceRecord> dnames = zone.node(n).get(RecordType.DNAME);
                if (dnames != null && !dnames.isEmpty()) {
                    return dnames.get(0);
                }
            }
            return null;
        }

        private Name closestEncloser(Name name) {
            Name n = name.parent();
            while (!zone.exists(n) && !n.equals(zone.origin()) && !n.isRoot()) {
                n = n.parent();
            }
            return n;
        }

        private ResourceRecord negativeSoa() {
            ResourceRecord soa = zone.soa();
            long minimum = ((SoaRecord) soa.data()).minimum();
            return new ResourceRecord(soa.name(), soa.dnsClass(), Math.min(soa.ttl(), minimum), soa.data());
        }

        private void signatures(Map<Integer, List<ResourceRecord>> node, int type, @Nullable Name rename) {
            for (ResourceRecord sig : node.getOrDefault(RecordType.RRSIG, List.of())) {
                if (sig.data() instanceof RrsigRecord rrsig && rrsig.typeCovered() == type) {
                    answers.add(rename == null ? sig : renamed(sig, rename));
                }
            }
        }

        /** Adds the A and AAAA records of the targets the records point at, when the zone holds them. */
        private void addAddresses(List<ResourceRecord> records) {
            for (ResourceRecord record : List.copyOf(records)) {
                Name target = target(record.data());
                if (target == null || !zone.contains(target)) {
                    continue;
                }
                Map<Integer, List<ResourceRecord>> node = zone.node(target);
                for (int type : new int[] {RecordType.A, RecordType.AAAA}) {
                    for (ResourceRecord address : node.getOrDefault(type, List.of())) {
                        if (!additional.contains(address) && !answers.contains(address)) {
                            additional.add(address);
                        }
                    }
                }
            }
        }
    }

    /**
     * The name a DNAME makes of a name below its owner (RFC 6672 §2.2): the labels below the owner, then the
     * target; null if that is longer than a name may be.
     */
    private static @Nullable Name substituted(Name name, ResourceRecord dname) {
        List<byte[]> labels = new ArrayList<>(name.labels().subList(0, name.labelCount() - dname.name().labelCount()));
        labels.addAll(((DnameRecord) dname.data()).target().labels());
        try {
            return Name.fromLabels(labels);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Name target(RecordData data) {
        return switch (data) {
            case MxRecord mx -> mx.exchange();
            case SrvRecord srv -> srv.target();
            case NsRecord ns -> ns.target();
            default -> null;
        };
    }

    private static List<ResourceRecord> all(Map<Integer, List<ResourceRecord>> node) {
        List<ResourceRecord> all = new ArrayList<>();
        node.values().forEach(all::addAll);
        return all;
    }

    private static ResourceRecord renamed(ResourceRecord record, Name name) {
        return new ResourceRecord(name, record.dnsClass(), record.ttl(), record.data());
    }
}
