package org.twisted4j.names;

/**
 * The next secure name ({@code NSEC}, RFC 4034 §4) and the types present at the owner, in increasing order; never
 * compressed.
 *
 * <p>Immutable; any thread.
 */
public record NsecRecord(Name next, java.util.List<Integer> types) implements RecordData {
    /** Sorts the types and drops repeats. */
    public NsecRecord {
        java.util.Objects.requireNonNull(next, "next");
        types = Records.types(types);
    }

    @Override
    public int type() {
        return RecordType.NSEC;
    }

    @Override
    public String toText() {
        return next + Texts.types(types);
    }
}
