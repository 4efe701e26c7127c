package org.twisted4j.names;

/**
 * A pointer to another name ({@code PTR}, RFC 1035 §3.3.12).
 *
 * <p>Immutable; any thread.
 */
public record PtrRecord(Name target) implements RecordData {
    /** Checks the target is there. */
    public PtrRecord {
        java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public int type() {
        return RecordType.PTR;
    }

    @Override
    public String toText() {
        return target.toString();
    }
}
