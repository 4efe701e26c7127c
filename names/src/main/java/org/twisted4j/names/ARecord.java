package org.twisted4j.names;

/**
 * An IPv4 address ({@code A}, RFC 1035 §3.4.1); presentation {@code 192.0.2.1}.
 *
 * <p>Immutable; any thread.
 */
public record ARecord(java.net.Inet4Address address) implements RecordData {
    /** Checks the address is there. */
    public ARecord {
        java.util.Objects.requireNonNull(address, "address");
    }

    /**
     * From dotted-quad text.
     *
     * @throws IllegalArgumentException if it is not four decimal octets
     */
    public static ARecord of(String dottedQuad) {
        return new ARecord(Records.ipv4(dottedQuad));
    }

    @Override
    public int type() {
        return RecordType.A;
    }

    @Override
    public String toText() {
        return address.getHostAddress();
    }
}
