package org.twisted4j.names;

/**
 * A naming authority pointer ({@code NAPTR}, RFC 3403): order, preference, flags, services, regular expression and
 * replacement.
 *
 * <p>Immutable; any thread.
 */
public record NaptrRecord(int order, int preference, ByteString flags, ByteString services, ByteString regexp,
        Name replacement) implements RecordData {
    /** Checks the numbers are 16-bit and the strings at most 255 octets. */
    public NaptrRecord {
        java.util.Objects.requireNonNull(flags, "flags");
        java.util.Objects.requireNonNull(services, "services");
        java.util.Objects.requireNonNull(regexp, "regexp");
        java.util.Objects.requireNonNull(replacement, "replacement");
        Records.check(order, 0xffff, "order");
        Records.check(preference, 0xffff, "preference");
        Records.string(flags);
        Records.string(services);
        Records.string(regexp);
    }

    @Override
    public int type() {
        return RecordType.NAPTR;
    }

    @Override
    public String toText() {
        return order + " " + preference + " " + Texts.quoted(flags) + " " + Texts.quoted(services) + " "
                + Texts.quoted(regexp) + " " + replacement;
    }
}
