package org.twisted4j.internet.ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateBuilderTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateCarriesTheRequestedSubjectAltNamesAsOpensslReadsThem() throws Exception {
        PrivateCertificate server = CertificateBuilder.selfSigned("example.test")
                .dnsNames("example.test", "*.example.test").ipAddresses("127.0.0.1", "::1").build();
        Files.writeString(dir.resolve("cert.pem"), server.certificatesPem());

        String text = OpenSsl.run(dir, "x509", "-in", "cert.pem", "-noout", "-text");

        assertThat(subjectAltNames(text)).containsExactly(
                "DNS:example.test", "DNS:*.example.test", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1");
        assertThat(text).contains("Subject: CN = example.test", "Issuer: CN = example.test",
                "CA:FALSE", "TLS Web Server Authentication, TLS Web Client Authentication",
                "ecdsa-with-SHA256", "Digital Signature");
    }

    @Test
    void commonNameBecomesTheOnlySubjectAltNameWhenNoneAreGiven() throws Exception {
        X509Certificate host = CertificateBuilder.selfSigned("localhost").build().certificate();
        X509Certificate ip = CertificateBuilder.selfSigned("10.1.2.3").build().certificate();

        assertThat(host.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
        assertThat(ip.getSubjectAlternativeNames()).containsExactly(List.of(7, "10.1.2.3"));
    }

    @Test
    void rsaCertificateIsSignedWithSha256WithRsaAndAllowsKeyEncipherment() throws Exception {
        PrivateCertificate server = CertificateBuilder.selfSigned("rsa.test")
                .keyType(CertificateBuilder.KeyType.RSA_2048).build();
        X509Certificate certificate = server.certificate();

        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(certificate.getKeyUsage()).startsWith(true, false, true);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSerialNumber().signum()).isPositive();
    }

    @Test
    void validityIsTheRequestedWindow() throws Exception {
        Instant from = Instant.parse("2030-01-02T03:04:05Z");
        X509Certificate certificate = CertificateBuilder.selfSigned("later.test")
                .validity(from, Duration.ofDays(40000)).build().certificate();

        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(from);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(from.plus(Duration.ofDays(40000)));
    }

    @Test
    void issuedCertificateVerifiesAgainstItsAuthorityWithOpensslAndPkix() throws Exception {
        PrivateCertificate root = CertificateBuilder.authority("Test Root").build();
        PrivateCertificate intermediate = CertificateBuilder.issuedBy(root, "Test Intermediate")
                .certificateAuthority(true).keyType(CertificateBuilder.KeyType.RSA_2048).build();
        PrivateCertificate leaf = CertificateBuilder.issuedBy(intermediate, "leaf.test").build();
        Files.writeString(dir.resolve("root.pem"), root.certificatesPem());
        Files.writeString(dir.resolve("intermediate.pem"), intermediate.certificatesPem());
        Files.writeString(dir.resolve("leaf.pem"), Pem.encodeCertificates(List.of(leaf.certificate())));

        String verdict = OpenSsl.run(dir, "verify", "-x509_strict", "-CAfile", "root.pem",
                "-untrusted", "intermediate.pem", "-purpose", "sslserver", "leaf.pem");

        assertThat(verdict.trim()).isEqualTo("leaf.pem: OK");
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
        assertThat(root.certificate().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(leaf.chain()), parameters);
    }

    @Test
    void certificateNotSignedByTheAuthorityFailsOpensslVerification() throws Exception {
        PrivateCertificate root = CertificateBuilder.authority("Test Root").build();
        PrivateCertificate other = CertificateBuilder.authority("Test Root").build();
        PrivateCertificate leaf = CertificateBuilder.issuedBy(other, "leaf.test").build();
        Files.writeString(dir.resolve("root.pem"), root.certificatesPem());
        Files.writeString(dir.resolve("leaf.pem"), leaf.certificatesPem());

        assertThatThrownBy(() -> OpenSsl.run(dir, "verify", "-CAfile", "root.pem", "leaf.pem"))
                .hasMessageContaining("verification failed");
    }

    @Test
    void endEntityCannotIssueCertificates() {
        PrivateCertificate leaf = CertificateBuilder.selfSigned("leaf.test").build();

        assertThatThrownBy(() -> CertificateBuilder.issuedBy(leaf, "other.test").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a certificate authority");
    }

    @Test
    void writtenPemIsReadBackByOpensslAndByThisPackage() throws Exception {
        PrivateCertificate server = CertificateBuilder.selfSigned("pem.test").keyType(CertificateBuilder.KeyType.ED25519).build();
        server.save(dir.resolve("key.pem"), dir.resolve("cert.pem"));

        String keyPublicHalf = OpenSsl.run(dir, "pkey", "-in", "key.pem", "-pubout");
        String certificateKey = OpenSsl.run(dir, "x509", "-in", "cert.pem", "-noout", "-pubkey");
        PrivateCertificate again = PrivateCertificate.load(dir.resolve("key.pem"), dir.resolve("cert.pem"), null);

        assertThat(keyPublicHalf).isEqualTo(certificateKey);
        assertThat(again.certificate()).isEqualTo(server.certificate());
        assertThat(again.key().getEncoded()).isEqualTo(server.key().getEncoded());
        assertThat(Files.getPosixFilePermissions(dir.resolve("key.pem")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    private static List<String> subjectAltNames(String opensslText) {
        String[] lines = opensslText.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].contains("X509v3 Subject Alternative Name")) {
                return List.of(lines[i + 1].trim().split(", "));
            }
        }
        throw new AssertionError("no subjectAltName in:\n" + opensslText);
    }
}
