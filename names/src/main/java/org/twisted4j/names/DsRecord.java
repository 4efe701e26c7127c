package org.twisted4j.names;

/**
 * A delegation signer ({@code DS}, RFC 4034 §5): key tag, algorithm, digest type and digest.
 *
 * <p>Immutable; any thread.
 */
public record DsRecord(int keyTag, int algorithm, int digestType, ByteString digest) implements RecordData {
    /** Checks the numbers' widths. */
    public DsRecord {
        java.util.Objects.requireNonNull(digest, "digest");
        Records.check(keyTag, 0xffff, "keyTag");
        Records.check(algorithm, 0xff, "algorithm");
        Records.check(digestType, 0xff, "digestType");
    }

    @Override
    public int type() {
        return RecordType.DS;
    }

    @Override
    public String toText() {
        return keyTag + " " + algorithm + " " + digestType + " " + Texts.hex(digest, 128);
    }
}
