package org.twisted4j.names;

/**
 * A certification authority authorisation ({@code CAA}, RFC 8659): flags, tag ({@code issue}, {@code issuewild},
 * {@code iodef}...) and value; presentation {@code 0 issue "ca.example"}.
 *
 * <p>Immutable; any thread.
 */
public record CaaRecord(int flags, ByteString tag, ByteString value) implements RecordData {
    /**
     * Checks the flags are 8-bit and the tag 1 to 255 octets of letters and digits.
     *
     * @throws IllegalArgumentException if not
     */
    public CaaRecord {
        java.util.Objects.requireNonNull(tag, "tag");
        java.util.Objects.requireNonNull(value, "value");
        Records.check(flags, 0xff, "flags");
        Records.caaTag(tag);
    }

    /** From text, the tag and value in UTF-8. */
    public static CaaRecord of(int flags, String tag, String value) {
        return new CaaRecord(flags, ByteString.of(tag.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                ByteString.of(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public int type() {
        return RecordType.CAA;
    }

    @Override
    public String toText() {
        return flags + " " + Texts.escaped(tag.array()) + " " + Texts.quoted(value);
    }
}
