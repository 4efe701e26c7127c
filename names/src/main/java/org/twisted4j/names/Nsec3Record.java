package org.twisted4j.names;

/**
 * A hashed next secure name ({@code NSEC3}, RFC 5155 §3): hash algorithm, flags, iterations, salt, the next owner's
 * hash (base32hex in presentation) and the types present.
 *
 * <p>Immutable; any thread.
 */
public record Nsec3Record(int hashAlgorithm, int flags, int iterations, ByteString salt, ByteString nextHashed,
        java.util.List<Integer> types) implements RecordData {
    /**
     * Sorts the types; checks the widths, and that salt and hash are at most 255 octets.
     *
     * @throws IllegalArgumentException if not
     */
    public Nsec3Record {
        java.util.Objects.requireNonNull(salt, "salt");
        java.util.Objects.requireNonNull(nextHashed, "nextHashed");
        Records.check(hashAlgorithm, 0xff, "hashAlgorithm");
        Records.check(flags, 0xff, "flags");
        Records.check(iterations, 0xffff, "iterations");
        Records.string(salt);
        Records.string(nextHashed);
        types = Records.types(types);
    }

    @Override
    public int type() {
        return RecordType.NSEC3;
    }

    @Override
    public String toText() {
        return hashAlgorithm + " " + flags + " " + iterations + " " + Records.salt(salt) + " "
                + Records.base32hex(nextHashed) + Texts.types(types);
    }
}
