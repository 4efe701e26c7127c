package org.twisted4j.names;

/**
 * A service binding ({@code SVCB}, RFC 9460): priority (0 for alias mode), target and parameters in key order.
 *
 * <p>Immutable; any thread.
 */
public record SvcbRecord(int priority, Name target, java.util.List<SvcParam> params) implements RecordData {
    /**
     * Copies the parameters.
     *
     * @throws IllegalArgumentException if the priority is not 16-bit or the keys not strictly increasing
     */
    public SvcbRecord {
        java.util.Objects.requireNonNull(target, "target");
        Records.check(priority, 0xffff, "priority");
        params = Records.svcParams(params);
    }

    @Override
    public int type() {
        return RecordType.SVCB;
    }

    @Override
    public String toText() {
        return Records.svcbText(priority, target, params);
    }
}
