package org.twisted4j.names;

/**
 * The data of the EDNS(0) pseudo-record ({@code OPT}, RFC 6891): its options. {@link Message} reads and writes the
 * whole record as {@link Edns}; this type is what an {@code OPT} found elsewhere holds.
 *
 * <p>Immutable; any thread.
 */
public record OptRecord(java.util.List<EdnsOption> options) implements RecordData {
    /** Copies the options. */
    public OptRecord {
        options = java.util.List.copyOf(options);
    }

    @Override
    public int type() {
        return RecordType.OPT;
    }

    @Override
    public String toText() {
        return Records.optionsText(options);
    }
}
