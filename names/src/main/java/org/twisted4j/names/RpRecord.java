package org.twisted4j.names;

/**
 * A responsible person ({@code RP}, RFC 1183 §2.2): a mailbox as a name, and a name with {@code TXT} records about
 * them; never compressed.
 *
 * <p>Immutable; any thread.
 */
public record RpRecord(Name mbox, Name txt) implements RecordData {
    /** Checks both names are there. */
    public RpRecord {
        java.util.Objects.requireNonNull(mbox, "mbox");
        java.util.Objects.requireNonNull(txt, "txt");
    }

    @Override
    public int type() {
        return RecordType.RP;
    }

    @Override
    public String toText() {
        return mbox + " " + txt;
    }
}
