package org.twisted4j.names;

/**
 * An entry of the question section: the name, type and class asked about.
 *
 * <pre>{@code
 * Query q = new Query(Name.of("example.com"), RecordType.MX, DnsClass.IN);
 * }</pre>
 *
 * <p>Immutable; any thread.
 */
public record Query(Name name, int type, int dnsClass) {

    /** Checks the name is there and type and class are 16-bit. */
    public Query {
        java.util.Objects.requireNonNull(name, "name");
        Records.check(type, 0xffff, "type");
        Records.check(dnsClass, 0xffff, "class");
    }

    /** A query in class IN. */
    public static Query of(String name, int type) {
        return new Query(Name.of(name), type, DnsClass.IN);
    }

    /** {@code name class type}, as dig shows a question. */
    public String toText() {
        return name + " " + DnsClass.toText(dnsClass) + " " + RecordType.toText(type);
    }
}
