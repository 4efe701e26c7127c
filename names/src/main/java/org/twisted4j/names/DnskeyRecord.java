package org.twisted4j.names;

/**
 * A DNSSEC public key ({@code DNSKEY}, RFC 4034 §2): flags, protocol (3), algorithm and key; presentation with the
 * key in base64.
 *
 * <p>Immutable; any thread.
 */
public record DnskeyRecord(int flags, int protocol, int algorithm, ByteString key) implements RecordData {
    /** Checks the numbers' widths. */
    public DnskeyRecord {
        java.util.Objects.requireNonNull(key, "key");
        Records.check(flags, 0xffff, "flags");
        Records.check(protocol, 0xff, "protocol");
        Records.check(algorithm, 0xff, "algorithm");
    }

    @Override
    public int type() {
        return RecordType.DNSKEY;
    }

    @Override
    public String toText() {
        return flags + " " + protocol + " " + algorithm + " " + Texts.base64(key);
    }
}
