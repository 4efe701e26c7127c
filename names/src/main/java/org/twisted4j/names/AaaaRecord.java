package org.twisted4j.names;

/**
 * An IPv6 address ({@code AAAA}, RFC 3596); presentation in RFC 5952's form, {@code 2001:db8::1}.
 *
 * <p>Immutable; any thread.
 */
public record AaaaRecord(java.net.Inet6Address address) implements RecordData {
    /** Checks the address is there. */
    public AaaaRecord {
        java.util.Objects.requireNonNull(address, "address");
    }

    /**
     * From IPv6 text.
     *
     * @throws IllegalArgumentException if it is not an IPv6 address literal
     */
    public static AaaaRecord of(String text) {
        return new AaaaRecord(Records.ipv6(text));
    }

    @Override
    public int type() {
        return RecordType.AAAA;
    }

    @Override
    public String toText() {
        return Texts.ipv6(address);
    }
}
