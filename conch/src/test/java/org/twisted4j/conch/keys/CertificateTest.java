package org.twisted4j.conch.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.SshWireWriter;

/** Certificates written and read back, their signatures checked, and malformed ones refused. */
class CertificateTest {

    @ParameterizedTest
    @CsvSource({"ED25519, ED25519, ssh-ed25519", "ECDSA_P256, RSA, rsa-sha2-512", "RSA, ECDSA_P256, ecdsa-sha2-nistp256",
        "ECDSA_P384, RSA, rsa-sha2-256"})
    void certificatesWrittenReadBackWithTheirFields(KeyType subject, KeyType caType, String algorithm)
            throws Exception {
        Key user = Key.generate(subject, 2048);
        Key ca = Key.generate(caType, 2048);
        Certificate cert = Certificate.builder(user).serial(-2).keyId("id \u00e9").principals(List.of("alice", "bob"))
                .validity(1000, 2000).criticalOption("force-command", "echo hi").extension("permit-pty")
                .sign(ca, algorithm);
        Certificate read = Certificate.fromPublicLine(cert.publicLine() + " comment");
        assertThat(read).isEqualTo(cert);
        assertThat(read.typeName()).isEqualTo(subject.sshName() + "-cert-v01@openssh.com");
        assertThat(read.key()).isEqualTo(user.toPublic());
        assertThat(Long.toUnsignedString(read.serial())).isEqualTo("18446744073709551614");
        assertThat(read.type()).isEqualTo(Certificate.Type.USER);
        assertThat(read.keyId()).isEqualTo("id \u00e9");
        assertThat(read.principals()).containsExactly("alice", "bob");
        assertThat(read.criticalOption("force-command")).contains("echo hi");
        assertThat(read.criticalOption("source-address")).isEmpty();
        assertThat(read.extensionNames()).containsExactly("permit-pty");
        assertThat(read.signatureKey()).isEqualTo(ca.toPublic());
        assertThat(read.signatureAlgorithmName()).isEqualTo(algorithm);
        assertThat(read.signatureValid()).isTrue();
        assertThat(read.validAt(999)).isFalse();
        assertThat(read.validAt(1000)).isTrue();
        assertThat(read.validAt(1999)).isTrue();
        assertThat(read.validAt(2000)).isFalse();
    }

    @Test
    void foreverIsValidAtAnyTime() {
        Key ca = Key.generate(KeyType.ED25519);
        Certificate cert = Certificate.builder(Key.generate(KeyType.ED25519)).sign(ca, "ssh-ed25519");
        assertThat(cert.validBefore()).isEqualTo(Certificate.FOREVER);
        assertThat(cert.validAt(0)).isTrue();
        assertThat(cert.validAt(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void anyChangedOctetBreaksTheSignature() throws Exception {
        Key ca = Key.generate(KeyType.ED25519);
        Certificate cert = Certificate.builder(Key.generate(KeyType.ED25519)).keyId("x").principals(List.of("root"))
                .sign(ca, "ssh-ed25519");
        byte[] blob = cert.blob();
        int signed = blob.length - cert.signature().length - 4;
        for (int i = 40; i < signed; i += 7) {
            byte[] changed = blob.clone();
            changed[i] ^= 1;
            Certificate other;
            try {
                other = Certificate.fromBlob(changed);
            } catch (BadKeyException refused) {
                continue;
            }
            assertThat(other.signatureValid()).as("octet %d", i).isFalse();
        }
    }

    @Test
    void sha1RsaCaSignaturesAreRefused() {
        Key ca = Key.generate(KeyType.RSA, 2048);
        Certificate cert = Certificate.builder(Key.generate(KeyType.ED25519)).sign(ca, "ssh-rsa");
        assertThat(cert.signatureValid()).isFalse();
    }

    @Test
    void certificateAlgorithmNamesMapToSignatureAlgorithms() {
        assertThat(Certificate.signatureAlgorithm("rsa-sha2-512-cert-v01@openssh.com")).contains("rsa-sha2-512");
        assertThat(Certificate.signatureAlgorithm("ssh-ed25519-cert-v01@openssh.com")).contains("ssh-ed25519");
        assertThat(Certificate.signatureAlgorithm("ssh-rsa-cert-v01@openssh.com")).isEmpty();
        assertThat(Certificate.signatureAlgorithm("ssh-ed25519")).isEmpty();
    }

    @Test
    void malformedCertificatesAreRefused() {
        Key key = Key.generate(KeyType.ED25519);
        assertThatThrownBy(() -> Certificate.fromBlob(key.publicBlob())).isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Certificate.fromBlob(new byte[Certificate.MAX_BLOB + 1]))
                .isInstanceOf(BadKeyException.class);
        byte[] whole = Certificate.builder(key).sign(key, "ssh-ed25519").blob();
        byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> Certificate.fromBlob(longer)).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Certificate.fromBlob(java.util.Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Certificate.fromPublicLine("ssh-rsa-cert-v01@openssh.com "
                + java.util.Base64.getEncoder().encodeToString(whole))).hasMessageContaining("line names");
    }

    @Test
    void optionsOutOfOrderOrRepeatedAreRefused() {
        Key key = Key.generate(KeyType.ED25519);
        byte[] repeated = new SshWireWriter().name("permit-pty").string(new byte[0]).name("permit-pty")
                .string(new byte[0]).toByteArray();
        assertThatThrownBy(() -> Certificate.fromBlob(withExtensions(key, repeated)))
                .hasMessageContaining("out of order");
    }

    /** A certificate blob with these packed extensions and a garbage signature. */
    private static byte[] withExtensions(Key key, byte[] packed) {
        org.twisted4j.cred.SshWire fields = new org.twisted4j.cred.SshWire(key.publicBlob());
        fields.name();
        return new SshWireWriter().name("ssh-ed25519-cert-v01@openssh.com").string(new byte[32]).raw(fields.rest())
                .uint64(1).uint32(1).utf8("").string(new byte[0]).uint64(0).uint64(-1).string(new byte[0])
                .string(packed).string(new byte[0]).string(key.publicBlob())
                .string(new SshWireWriter().name("ssh-ed25519").string(new byte[64]).toByteArray()).toByteArray();
    }
}
