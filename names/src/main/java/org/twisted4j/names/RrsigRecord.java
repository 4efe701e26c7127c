package org.twisted4j.names;

/**
 * A signature over an RRset ({@code RRSIG}, RFC 4034 §3); expiration and inception are seconds since 1970 (unsigned
 * 32-bit), shown as {@code YYYYMMDDHHmmSS}. The signer is never compressed.
 *
 * <p>Immutable; any thread.
 */
public record RrsigRecord(int typeCovered, int algorithm, int labels, long originalTtl, long expiration,
        long inception, int keyTag, Name signer, ByteString signature) implements RecordData {
    /** Checks the numbers' widths. */
    public RrsigRecord {
        java.util.Objects.requireNonNull(signer, "signer");
        java.util.Objects.requireNonNull(signature, "signature");
        Records.check(typeCovered, 0xffff, "typeCovered");
        Records.check(algorithm, 0xff, "algorithm");
        Records.check(labels, 0xff, "labels");
        Records.checkU32(originalTtl, "originalTtl");
        Records.checkU32(expiration, "expiration");
        Records.checkU32(inception, "inception");
        Records.check(keyTag, 0xffff, "keyTag");
    }

    @Override
    public int type() {
        return RecordType.RRSIG;
    }

    @Override
    public String toText() {
        return RecordType.toText(typeCovered) + " " + algorithm + " " + labels + " " + originalTtl + " "
                + Records.sigTime(expiration) + " " + Records.sigTime(inception) + " " + keyTag + " " + signer + " "
                + Texts.base64(signature);
    }
}
