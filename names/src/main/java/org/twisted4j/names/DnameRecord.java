package org.twisted4j.names;

/**
 * The redirection of a subtree ({@code DNAME}, RFC 6672); never compressed on the wire.
 *
 * <p>Immutable; any thread.
 */
public record DnameRecord(Name target) implements RecordData {
    /** Checks the target is there. */
    public DnameRecord {
        java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public int type() {
        return RecordType.DNAME;
    }

    @Override
    public String toText() {
        return target.toString();
    }
}
