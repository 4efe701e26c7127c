package org.twisted4j.names;

/**
 * The NSEC3 parameters of a zone ({@code NSEC3PARAM}, RFC 5155 §4).
 *
 * <p>Immutable; any thread.
 */
public record Nsec3paramRecord(int hashAlgorithm, int flags, int iterations, ByteString salt) implements RecordData {
    /** Checks the widths, and that the salt is at most 255 octets. */
    public Nsec3paramRecord {
        java.util.Objects.requireNonNull(salt, "salt");
        Records.check(hashAlgorithm, 0xff, "hashAlgorithm");
        Records.check(flags, 0xff, "flags");
        Records.check(iterations, 0xffff, "iterations");
        Records.string(salt);
    }

    @Override
    public int type() {
        return RecordType.NSEC3PARAM;
    }

    @Override
    public String toText() {
        return hashAlgorithm + " " + flags + " " + iterations + " " + Records.salt(salt);
    }
}
