package org.twisted4j.names;

/**
 * A TLS certificate association ({@code TLSA}, RFC 6698): usage, selector, matching type and the association data.
 *
 * <p>Immutable; any thread.
 */
public record TlsaRecord(int usage, int selector, int matchingType, ByteString data) implements RecordData {
    /** Checks the numbers are 8-bit. */
    public TlsaRecord {
        java.util.Objects.requireNonNull(data, "data");
        Records.check(usage, 0xff, "usage");
        Records.check(selector, 0xff, "selector");
        Records.check(matchingType, 0xff, "matchingType");
    }

    @Override
    public int type() {
        return RecordType.TLSA;
    }

    @Override
    public String toText() {
        return usage + " " + selector + " " + matchingType + " " + Texts.hex(data, 128);
    }
}
