package org.twisted4j.names;

/**
 * A service location ({@code SRV}, RFC 2782): priority, weight, port and target host; the target is never compressed.
 *
 * <p>Immutable; any thread.
 */
public record SrvRecord(int priority, int weight, int port, Name target) implements RecordData {
    /** Checks the numbers are 16-bit and the target there. */
    public SrvRecord {
        java.util.Objects.requireNonNull(target, "target");
        Records.check(priority, 0xffff, "priority");
        Records.check(weight, 0xffff, "weight");
        Records.check(port, 0xffff, "port");
    }

    @Override
    public int type() {
        return RecordType.SRV;
    }

    @Override
    public String toText() {
        return priority + " " + weight + " " + port + " " + target;
    }
}
