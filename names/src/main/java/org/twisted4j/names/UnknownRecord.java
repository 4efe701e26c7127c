package org.twisted4j.names;

/**
 * The data of a type this codec does not know, kept as it came (RFC 3597); presentation {@code \\# 4 c0000201}.
 *
 * <p>Immutable; any thread.
 */
public record UnknownRecord(int type, ByteString data) implements RecordData {
    /** Checks the type is 16-bit. */
    public UnknownRecord {
        java.util.Objects.requireNonNull(data, "data");
        Records.check(type, 0xffff, "type");
    }

    @Override
    public String toText() {
        return "\\# " + data.length() + (data.length() == 0 ? "" : " " + Texts.hex(data, 32));
    }
}
