package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading every PEM key kind and key store OpenSSL and keytool make, and the errors for bad material. */
class PrivateCertificateTest {
    @TempDir
    Path dir;

    @BeforeEach
    void makeKeysAndCertificates() {
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        OpenSsl.run(dir, "rsa", "-in", "rsa.pem", "-traditional", "-out", "rsa-pkcs1.pem");
        OpenSsl.run(dir, "req", "-x509", "-key", "rsa.pem", "-subj", "/CN=rsa.test", "-days", "2", "-out", "rsa-cert.pem");
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        OpenSsl.run(dir, "ec", "-in", "ec.pem", "-out", "ec-sec1.pem");
        OpenSsl.run(dir, "req", "-x509", "-key", "ec.pem", "-subj", "/CN=ec.test", "-days", "2", "-out", "ec-cert.pem");
    }

    @Test
    void loadsPkcs8RsaKey() {
        assertLoads("rsa.pem", "rsa-cert.pem", null, "-----BEGIN PRIVATE KEY-----", "RSA");
    }

    @Test
    void loadsPkcs1RsaKey() {
        assertLoads("rsa-pkcs1.pem", "rsa-cert.pem", null, "-----BEGIN RSA PRIVATE KEY-----", "RSA");
    }

    @Test
    void loadsPkcs8EcKey() {
        assertLoads("ec.pem", "ec-cert.pem", null, "-----BEGIN PRIVATE KEY-----", "EC");
    }

    @Test
    void loadsSec1EcKey() {
        assertLoads("ec-sec1.pem", "ec-cert.pem", null, "-----BEGIN EC PRIVATE KEY-----", "EC");
    }

    @Test
    void loadsSec1EcKeyPrecededByItsParameters() {
        OpenSsl.run(dir, "ecparam", "-name", "secp384r1", "-genkey", "-out", "ec384.pem");
        PrivateKey key = Pem.readPrivateKey(dir.resolve("ec384.pem"), null);

        assertThat(read("ec384.pem")).startsWith("-----BEGIN EC PARAMETERS-----").contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) key).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
    }

    @Test
    void loadsEncryptedPkcs8KeyWithItsPassword() {
        OpenSsl.run(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "ec.pem", "-out", "ec-enc.pem", "-passout", "pass:s3cret");

        assertLoads("ec-enc.pem", "ec-cert.pem", "s3cret".toCharArray(), "-----BEGIN ENCRYPTED PRIVATE KEY-----", "EC");
    }

    @Test
    void loadsOlderPbes1EncryptedKeyAndNamesScryptAsUnsupported() {
        OpenSsl.run(dir, "pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "ec.pem", "-out", "ec-pbes1.pem", "-passout", "pass:old");
        OpenSsl.run(dir, "pkcs8", "-topk8", "-scrypt", "-in", "ec.pem", "-out", "ec-scrypt.pem", "-passout", "pass:new");

        assertLoads("ec-pbes1.pem", "ec-cert.pem", "old".toCharArray(), "-----BEGIN ENCRYPTED PRIVATE KEY-----", "EC");
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("ec-scrypt.pem"), "new".toCharArray()))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.UNSUPPORTED_KEY))
                .satisfies(e -> assertThat(e.getMessage()).contains("scrypt"));
    }

    @Test
    void encryptedKeyWithTheWrongPasswordIsAWrongPasswordError() {
        OpenSsl.run(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "rsa.pem", "-out", "rsa-enc.pem", "-passout", "pass:s3cret");

        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("rsa-enc.pem"), "wrong".toCharArray()))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.WRONG_PASSWORD))
                .satisfies(e -> assertThat(e.getMessage()).startsWith(dir.resolve("rsa-enc.pem") + ": wrong password"));
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("rsa-enc.pem"), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.PASSWORD_REQUIRED));
    }

    @Test
    void keyOfAnotherCertificateIsAMismatch() {
        assertThatThrownBy(() -> PrivateCertificate.load(dir.resolve("ec.pem"), dir.resolve("rsa-cert.pem"), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.KEY_MISMATCH))
                .satisfies(e -> assertThat(e.getMessage()).contains("ec.pem", "rsa-cert.pem", "does not match", "CN=rsa.test"));
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec2.pem");
        assertThatThrownBy(() -> PrivateCertificate.load(dir.resolve("ec2.pem"), dir.resolve("ec-cert.pem"), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.KEY_MISMATCH));
    }

    @Test
    void fileThatIsNotPemIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("junk.txt"), "hello, not a key\n");

        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("junk.txt"), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.NOT_PEM))
                .satisfies(e -> assertThat(e.source()).isEqualTo(dir.resolve("junk.txt").toString()));
        assertThatThrownBy(() -> Pem.readCertificates(dir.resolve("junk.txt")))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.NOT_PEM));
        assertThatThrownBy(() -> Pem.readCertificates(dir.resolve("missing.pem")))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.UNREADABLE));
    }

    @Test
    void certificateFileWithoutKeyAndKeyFileWithoutCertificateAreReported() {
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("ec-cert.pem"), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.NO_KEY))
                .satisfies(e -> assertThat(e.getMessage()).contains("[CERTIFICATE]"));
        assertThatThrownBy(() -> Pem.readCertificates(dir.resolve("ec.pem")))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.NO_CERTIFICATE));
    }

    @Test
    void anEcKeyWithDamagedCurveParametersIsMalformed() {
        byte[] truncatedParameters = Der.sequence(Der.integer(1), Der.octetString(new byte[32]),
                Der.explicit(0, new byte[] {Der.OID, 8, 0x2A}));
        byte[] pem = Pem.encode("EC PRIVATE KEY", truncatedParameters).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Pem.parsePrivateKey(pem, "ec.pem", null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.MALFORMED))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("ec.pem: the EC private key is damaged"));
    }

    @Test
    void unsupportedKeyKindsAreNamed() throws Exception {
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "small.pem");
        OpenSsl.run(dir, "rsa", "-in", "small.pem", "-traditional", "-aes128", "-passout", "pass:x", "-out", "legacy.pem");
        Files.writeString(dir.resolve("dsa.pem"), Pem.encode("DSA PRIVATE KEY", new byte[] {0x30, 0}));
        Files.writeString(dir.resolve("odd.pem"), Pem.encode("PRIVATE KEY", Der.sequence(Der.integer(0),
                Der.sequence(Der.oid("1.2.3.4.5")), Der.octetString(new byte[] {1, 2, 3}))));

        assertUnsupported("legacy.pem", "legacy PEM encryption");
        assertUnsupported("dsa.pem", "unsupported key kind 'DSA PRIVATE KEY'");
        assertUnsupported("odd.pem", "unsupported private key algorithm 1.2.3.4.5");
    }

    @Test
    void chainFileYieldsEveryCertificateInOrderAndDerIsAcceptedToo() throws Exception {
        Files.writeString(dir.resolve("chain.pem"), "Bag Attributes: ignored\n" + read("ec-cert.pem") + read("rsa-cert.pem"));
        OpenSsl.run(dir, "x509", "-in", "ec-cert.pem", "-outform", "DER", "-out", "ec-cert.der");

        List<X509Certificate> chain = Pem.readCertificates(dir.resolve("chain.pem"));

        assertThat(chain).extracting(c -> c.getSubjectX500Principal().getName()).containsExactly("CN=ec.test", "CN=rsa.test");
        assertThat(Pem.readCertificates(dir.resolve("ec-cert.der"))).containsExactly(chain.get(0));
        Files.writeString(dir.resolve("crlf.pem"), read("ec-cert.pem").replace("\n", "\r\n"));
        assertThat(Pem.readCertificates(dir.resolve("crlf.pem"))).containsExactly(chain.get(0));
    }

    @Test
    void keyAndCertificatesInOneFileLoadTogether() throws Exception {
        Files.writeString(dir.resolve("both.pem"), read("rsa-cert.pem") + read("rsa-pkcs1.pem"));

        PrivateCertificate loaded = PrivateCertificate.load(dir.resolve("both.pem"), null);

        assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=rsa.test");
    }

    @Test
    void loadedTraditionalKeysServeTlsHandshakes() {
        for (String[] files : new String[][] {{"rsa-pkcs1.pem", "rsa-cert.pem", "rsa.test"}, {"ec-sec1.pem", "ec-cert.pem", "ec.test"}}) {
            PrivateCertificate server = PrivateCertificate.load(dir.resolve(files[0]), dir.resolve(files[1]), null);

            InMemoryHandshake.Outcome outcome = InMemoryHandshake.run(
                    ClientTlsOptions.optionsForClientTLS(files[2], TrustRoot.of(server.certificate()), null, List.of()),
                    CertificateOptions.builder().certificate(server).build());

            assertThat(outcome.succeeded()).as("%s: %s", files[0], outcome).isTrue();
            assertThat(outcome.clientInfo().peerCertificate()).isEqualTo(server.certificate());
        }
    }

    @Test
    void loadsPkcs12StoreFromOpensslAndReportsAWrongPassword() {
        OpenSsl.run(dir, "pkcs12", "-export", "-inkey", "ec.pem", "-in", "ec-cert.pem", "-name", "server",
                "-out", "server.p12", "-passout", "pass:storepass");

        PrivateCertificate loaded = PrivateCertificate.fromKeyStore(dir.resolve("server.p12"), "storepass".toCharArray(), null);

        assertThat(loaded.certificate()).isEqualTo(Pem.readCertificates(dir.resolve("ec-cert.pem")).get(0));
        assertThatThrownBy(() -> PrivateCertificate.fromKeyStore(dir.resolve("server.p12"), "nope".toCharArray(), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.WRONG_PASSWORD));
        assertThatThrownBy(() -> PrivateCertificate.fromKeyStore(dir.resolve("ec.pem"), "x".toCharArray(), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.NOT_PEM));
        assertThatThrownBy(() -> PrivateCertificate.fromKeyStore(dir.resolve("none.p12"), "x".toCharArray(), null))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.UNREADABLE));
    }

    @Test
    void loadsJksStoreFromKeytoolByAlias() {
        OpenSsl.keytool(dir, "-genkeypair", "-keystore", "server.jks", "-storetype", "JKS", "-storepass", "storepass",
                "-keypass", "storepass", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=jks.test", "-validity", "2");

        PrivateCertificate loaded = PrivateCertificate.fromKeyStore(dir.resolve("server.jks"), "storepass".toCharArray(), "web");

        assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=jks.test");
        assertThatThrownBy(() -> PrivateCertificate.fromKeyStore(dir.resolve("server.jks"), "storepass".toCharArray(), "other"))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.NO_KEY));
        assertThatThrownBy(() -> PrivateCertificate.fromKeyStore(dir.resolve("server.jks"), "nope".toCharArray(), "web"))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.WRONG_PASSWORD));
    }

    private void assertLoads(String keyFile, String certificateFile, char[] password, String pemStart, String algorithm) {
        assertThat(read(keyFile)).startsWith(pemStart);

        PrivateCertificate loaded = PrivateCertificate.load(dir.resolve(keyFile), dir.resolve(certificateFile), password);

        assertThat(loaded.key().getAlgorithm()).isEqualTo(algorithm);
        assertThat(loaded.chain()).hasSize(1);
    }

    private void assertUnsupported(String file, String problem) {
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve(file), "x".toCharArray()))
                .asInstanceOf(type(CertificateError.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CertificateError.Kind.UNSUPPORTED_KEY))
                .satisfies(e -> assertThat(e.getMessage()).startsWith(dir.resolve(file) + ": ").contains(problem));
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
