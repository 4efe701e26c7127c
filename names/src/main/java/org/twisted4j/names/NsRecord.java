package org.twisted4j.names;

/**
 * An authoritative name server ({@code NS}, RFC 1035 §3.3.11).
 *
 * <p>Immutable; any thread.
 */
public record NsRecord(Name target) implements RecordData {
    /** Checks the target is there. */
    public NsRecord {
        java.util.Objects.requireNonNull(target, "target");
    }

    @Override
    public int type() {
        return RecordType.NS;
    }

    @Override
    public String toText() {
        return target.toString();
    }
}
