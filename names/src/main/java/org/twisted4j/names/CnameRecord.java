package org.twisted4j.names;

/**
 * The canonical name of an alias ({@code CNAME}, RFC 1035 §3.3.1).
 *
 * <p>Immutable; any thread.
 */
public record CnameRecord(Name target) implements RecordData {
    /** Checks the target is there. */
    public CnameRecord {
        java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public int type() {
        return RecordType.CNAME;
    }

    @Override
    public String toText() {
        return target.toString();
    }
}
