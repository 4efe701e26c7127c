package org.twisted4j.names;

/**
 * An SSH host key fingerprint ({@code SSHFP}, RFC 4255): algorithm, fingerprint type and fingerprint.
 *
 * <p>Immutable; any thread.
 */
public record SshfpRecord(int algorithm, int fingerprintType, ByteString fingerprint) implements RecordData {
    /** Checks the numbers are 8-bit. */
    public SshfpRecord {
        java.util.Objects.requireNonNull(fingerprint, "fingerprint");
        Records.check(algorithm, 0xff, "algorithm");
        Records.check(fingerprintType, 0xff, "fingerprintType");
    }

    @Override
    public int type() {
        return RecordType.SSHFP;
    }

    @Override
    public String toText() {
        return algorithm + " " + fingerprintType + " " + Texts.hex(fingerprint, 128);
    }
}
