package org.twisted4j.names;

/**
 * A resource record (Twisted's {@code RRHeader} with its payload): owner name, class, TTL in seconds (unsigned
 * 32-bit) and the typed data, whose {@link RecordData#type()} is the record's type.
 *
 * <pre>{@code
 * ResourceRecord rr = new ResourceRecord(Name.of("example.com"), DnsClass.IN, 3600, ARecord.of("192.0.2.1"));
 * rr.toText();   // "example.com. 3600 IN A 192.0.2.1"
 * }</pre>
 *
 * <p>Immutable; any thread.
 */
public record ResourceRecord(Name name, int dnsClass, long ttl, RecordData data) {

    /** Checks the fields are there and class and TTL within their widths. */
    public ResourceRecord {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(data, "data");
        Records.check(dnsClass, 0xffff, "class");
        Records.checkU32(ttl, "ttl");
    }

    /** A record in class IN. */
    public static ResourceRecord of(Name name, long ttl, RecordData data) {
        return new ResourceRecord(name, DnsClass.IN, ttl, data);
    }

    /** The type, from the data. */
    public int type() {
        return data.type();
    }

    /** The zone-file line: {@code name ttl class type data}. */
    public String toText() {
        return name + " " + ttl + " " + DnsClass.toText(dnsClass) + " " + RecordType.toText(type()) + " "
                + data.toText();
    }
}
