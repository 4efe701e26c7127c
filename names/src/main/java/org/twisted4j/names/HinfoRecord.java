package org.twisted4j.names;

/**
 * Host information ({@code HINFO}, RFC 1035 §3.3.2): CPU and operating system.
 *
 * <p>Immutable; any thread.
 */
public record HinfoRecord(ByteString cpu, ByteString os) implements RecordData {
    /** Checks both strings are at most 255 octets. */
    public HinfoRecord {
        java.util.Objects.requireNonNull(cpu, "cpu");
        java.util.Objects.requireNonNull(os, "os");
        Records.string(cpu);
        Records.string(os);
    }

    @Override
    public int type() {
        return RecordType.HINFO;
    }

    @Override
    public String toText() {
        return Texts.quoted(cpu) + " " + Texts.quoted(os);
    }
}
