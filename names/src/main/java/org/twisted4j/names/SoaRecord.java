package org.twisted4j.names;

/**
 * The start of a zone of authority ({@code SOA}, RFC 1035 §3.3.13): primary server, responsible mailbox, serial and
 * the timers, in seconds; the numbers are unsigned 32-bit.
 *
 * <p>Immutable; any thread.
 */
public record SoaRecord(Name mname, Name rname, long serial, long refresh, long retry, long expire, long minimum)
        implements RecordData {
    /** Checks the names are there and the numbers unsigned 32-bit. */
    public SoaRecord {
        java.util.Objects.requireNonNull(mname, "mname");
        java.util.Objects.requireNonNull(rname, "rname");
        Records.checkU32(serial, "serial");
        Records.checkU32(refresh, "refresh");
        Records.checkU32(retry, "retry");
        Records.checkU32(expire, "expire");
        Records.checkU32(minimum, "minimum");
    }

    @Override
    public int type() {
        return RecordType.SOA;
    }

    @Override
    public String toText() {
        return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " " + minimum;
    }
}
