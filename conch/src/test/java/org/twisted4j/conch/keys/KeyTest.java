package org.twisted4j.conch.keys;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTest {

    /** A key ssh-keygen made, with the fingerprints ssh-keygen -l printed for it. */
    private static final String ED25519_LINE =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFvx/m9g5KHt0xWSVxLfW1roeAgPZBERsLKUA50NXjPo test@example";

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyWriterReadsBack(KeyType type) throws Exception {
        Key key = Key.generate(type, 2048);
        assertThat(Key.fromPublicLine(key.publicLine("c o m")).comment()).isEqualTo("c o m");
        assertThat(Key.fromPublicLine(key.publicLine("x"))).isEqualTo(key.toPublic());
        assertThat(Key.fromPublicBlob(key.publicBlob())).isEqualTo(key.toPublic());
        Key plain = Key.fromPrivate(key.toOpenSshPrivate("plain", null).getBytes(US_ASCII), null);
        assertThat(plain).isEqualTo(key);
        assertThat(plain.comment()).isEqualTo("plain");
        assertThat(Key.fromPrivate(key.toOpenSshPrivate("ctr", "secret").getBytes(US_ASCII), "secret"))
                .isEqualTo(key);
        assertThat(Key.fromPrivate(key.toOpenSshPrivate("gcm", "secret", "aes256-gcm@openssh.com", 2)
                .getBytes(US_ASCII), "secret")).isEqualTo(key);
        assertThat(Key.fromPrivate(key.toPkcs8Pem().getBytes(US_ASCII), null)).isEqualTo(key);
        if (type != KeyType.ED25519) {
            assertThat(Key.fromPrivate(key.toTraditionalPem().getBytes(US_ASCII), null)).isEqualTo(key);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void signaturesVerify(KeyType type) {
        Key key = Key.generate(type, 2048);
        byte[] data = "exchange hash".getBytes(US_ASCII);
        String algorithm = type == KeyType.RSA ? "rsa-sha2-512" : type.sshName();
        byte[] signature = key.sign(algorithm, data);
        assertThat(key.toPublic().verify(algorithm, data, signature)).isTrue();
        assertThat(key.verify(algorithm, "other".getBytes(US_ASCII), signature)).isFalse();
        assertThatThrownBy(() -> key.toPublic().sign(algorithm, data)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fingerprintsAreSshKeygens() throws Exception {
        Key key = Key.fromPublicLine(ED25519_LINE);
        assertThat(key.type()).isEqualTo(KeyType.ED25519);
        assertThat(key.comment()).isEqualTo("test@example");
        assertThat(key.publicLine()).isEqualTo(ED25519_LINE);
        assertThat(key.fingerprintSha256()).isEqualTo("SHA256:VkQWvkLTnMvUDc21mBnrnzWoyrPHdpjECbdjx+Q/wWU");
        assertThat(key.fingerprintMd5()).isEqualTo("MD5:74:f3:e9:a6:ea:56:72:86:a7:43:b5:31:d5:00:ba:5c");
    }

    @Test
    void encryptedKeysNeedTheRightPassphrase() throws Exception {
        Key key = Key.generate(KeyType.ED25519);
        byte[] ctr = key.toOpenSshPrivate("", "right", "aes256-ctr", 2).getBytes(US_ASCII);
        byte[] gcm = key.toOpenSshPrivate("", "right", "aes256-gcm@openssh.com", 2).getBytes(US_ASCII);
        for (byte[] file : List.of(ctr, gcm)) {
            assertThatThrownBy(() -> Key.fromPrivate(file, null)).isInstanceOf(EncryptedKeyException.class);
            assertThatThrownBy(() -> Key.fromPrivate(file, "wrong")).isInstanceOf(EncryptedKeyException.class);
            assertThat(Key.fromPrivate(file, "right")).isEqualTo(key);
        }
    }

    @Test
    void malformedInputIsABadKey() {
        assertThatThrownBy(() -> Key.fromPublicLine("ssh-ed25519")).isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Key.fromPublicLine("ssh-ed25519 !!!")).isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Key.fromPublicLine(ED25519_LINE.replace("ssh-ed25519 ", "ssh-rsa ")))
                .isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Key.fromPublicBlob(new byte[] {0, 0, 0, 7, 's', 's', 'h', '-', 'd', 's', 's'}))
                .isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Key.fromPrivate(("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----\n").getBytes(US_ASCII), null)).isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Key.fromPrivate("-----BEGIN X-----END X-----".getBytes(US_ASCII), null))
                .isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> Key.fromPrivate("nothing".getBytes(US_ASCII), null))
                .isInstanceOf(BadKeyException.class);
    }

    @Test
    void aPrivateKeyStoredWithAnotherKeysPublicHalfIsRefused() throws Exception {
        Key mine = Key.generate(KeyType.ED25519);
        Key other = Key.generate(KeyType.ED25519);
        String file = mine.toOpenSshPrivate("", null);
        byte[] body = java.util.Base64.getMimeDecoder().decode(file.replaceAll("-----[A-Z ]+-----", ""));
        byte[] minePoint = java.util.Arrays.copyOfRange(mine.publicBlob(), 19, 51);
        byte[] otherPoint = java.util.Arrays.copyOfRange(other.publicBlob(), 19, 51);
        for (int i = 0; i + 32 <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + 32, minePoint, 0, 32)) {
                System.arraycopy(otherPoint, 0, body, i, 32);
            }
        }
        String forged = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(body) + "\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Key.fromPrivate(forged.getBytes(US_ASCII), null)).isInstanceOf(BadKeyException.class)
                .hasMessageContaining("not the public key's");
    }

    @Test
    void anRsaKeyWhoseCrtValuesDoNotFollowFromItsExponentIsRefused() throws Exception {
        java.security.interfaces.RSAPrivateCrtKey good = (java.security.interfaces.RSAPrivateCrtKey) Key
                .generate(KeyType.RSA, 2048).privateKey().orElseThrow();
        // d replaced by d + 2: the CRT exponents still sign, but OpenSSH's format keeps d and not them
        java.security.PrivateKey odd = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateCrtKeySpec(good.getModulus(), good.getPublicExponent(),
                        good.getPrivateExponent().add(java.math.BigInteger.TWO), good.getPrimeP(), good.getPrimeQ(),
                        good.getPrimeExponentP(), good.getPrimeExponentQ(), good.getCrtCoefficient()));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(odd.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Key.fromPrivate(pem.getBytes(US_ASCII), null)).isInstanceOf(BadKeyException.class);
    }

    @Test
    void ecdsaPointsOffTheCurveAreRefused() throws Exception {
        Key key = Key.generate(KeyType.ECDSA_P256);
        byte[] blob = key.publicBlob();
        blob[blob.length - 1] ^= 1;
        assertThatThrownBy(() -> Key.fromPublicBlob(blob)).isInstanceOf(BadKeyException.class)
                .hasMessageContaining("not on its curve");
    }

    @Test
    void hostKeysAreGeneratedOnceWithOwnerOnlyMode(@TempDir Path directory) throws Exception {
        List<Key> first = HostKeys.loadOrGenerate(directory.resolve("data"), List.of(KeyType.ED25519,
                KeyType.ECDSA_P256));
        Path file = directory.resolve("data/ssh_host_ed25519_key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(directory.resolve("data/ssh_host_ecdsa_key.pub")))
                .startsWith("ecdsa-sha2-nistp256 ");
        List<Key> second = HostKeys.loadOrGenerate(directory.resolve("data"), List.of(KeyType.ED25519,
                KeyType.ECDSA_P256));
        assertThat(second).isEqualTo(first);
        assertThat(first).allMatch(k -> !k.isPublic());
    }
}
