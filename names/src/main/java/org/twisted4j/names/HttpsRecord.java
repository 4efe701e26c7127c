package org.twisted4j.names;

/**
 * A service binding for HTTPS ({@code HTTPS}, RFC 9460), shaped like {@code SVCB}.
 *
 * <p>Immutable; any thread.
 */
public record HttpsRecord(int priority, Name target, java.util.List<SvcParam> params) implements RecordData {
    /**
     * Copies the parameters.
     *
     * @throws IllegalArgumentException if the priority is not 16-bit or the keys not strictly increasing
     */
    public HttpsRecord {
        java.util.Objects.requireNonNull(target, "target");
        Records.check(priority, 0xffff, "priority");
        params = Records.svcParams(params);
    }

    @Override
    public int type() {
        return RecordType.HTTPS;
    }

    @Override
    public String toText() {
        return Records.svcbText(priority, target, params);
    }
}
