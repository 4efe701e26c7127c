package org.twisted4j.conch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Certificates made by OpenSSH's {@code ssh-keygen -s} read by us as {@code ssh-keygen -L} lists them, and the
 * certificates we sign listed by it (which checks their signatures).
 */
class CertificateInteropTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({"ed25519, ed25519, ssh-ed25519, ssh-ed25519", "ecdsa, rsa, rsa-sha2-512, rsa-sha2-512",
        "rsa, ecdsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp256", "ed25519, rsa, rsa-sha2-256, rsa-sha2-256"})
    void readsSshKeygensCertificatesAsItListsThem(String userType, String caType, String signWith,
            String expectedAlgorithm) throws Exception {
        Path ca = key("ca", caType);
        Path user = key("user", userType);
        KeyInteropTest.keygen("-q", "-s", ca.toString(), "-t", signWith, "-I", "key id 1", "-n", "alice,bob",
                "-z", "12345", "-V", "20200101000000:20991231235959", "-O", "force-command=/bin/echo hi",
                "-O", "source-address=127.0.0.1/32,::1", user + ".pub");
        Path certFile = directory.resolve("user-cert.pub");
        Certificate cert = Certificate.fromPublicLine(Files.readString(certFile));
        String listed = KeyInteropTest.keygen("-L", "-f", certFile.toString());

        assertThat(listed).contains("Type: " + cert.typeName() + " user certificate");
        assertThat(listed).contains("Key ID: \"" + cert.keyId() + "\"").contains("Key ID: \"key id 1\"");
        assertThat(listed).contains("Serial: " + Long.toUnsignedString(cert.serial())).contains("Serial: 12345");
        assertThat(listed).contains("(using " + cert.signatureAlgorithmName() + ")");
        assertThat(cert.signatureAlgorithmName()).isEqualTo(expectedAlgorithm);
        assertThat(listed).contains("Valid: from " + local(cert.validAfter()) + " to " + local(cert.validBefore()));
        assertThat(local(cert.validAfter())).isEqualTo("2020-01-01T00:00:00");
        assertThat(principalsListed(listed)).isEqualTo(cert.principals()).containsExactly("alice", "bob");
        assertThat(listed).contains("force-command /bin/echo hi").contains("source-address 127.0.0.1/32,::1");
        assertThat(cert.criticalOption("force-command")).contains("/bin/echo hi");
        assertThat(cert.criticalOption("source-address")).contains("127.0.0.1/32,::1");
        assertThat(cert.extensionNames()).containsExactlyElementsOf(Certificate.DEFAULT_USER_EXTENSIONS);
        assertThat(cert.key()).isEqualTo(Key.fromFile(Path.of(user + ".pub"), null));
        assertThat(cert.signatureKey()).isEqualTo(Key.fromFile(Path.of(ca + ".pub"), null));
        assertThat(cert.signatureValid()).isTrue();
    }

    @Test
    void readsHostCertificatesValidForever() throws Exception {
        Path ca = key("ca", "ed25519");
        Path host = key("host", "ecdsa");
        KeyInteropTest.keygen("-q", "-s", ca.toString(), "-h", "-I", "host", "-n", "localhost", host + ".pub");
        Certificate cert = Certificate.fromPublicLine(Files.readString(directory.resolve("host-cert.pub")));
        assertThat(cert.type()).isEqualTo(Certificate.Type.HOST);
        assertThat(cert.validBefore()).isEqualTo(Certificate.FOREVER);
        assertThat(cert.extensionNames()).isEmpty();
        assertThat(KeyInteropTest.keygen("-L", "-f", directory.resolve("host-cert.pub").toString()))
                .contains("host certificate").contains("Valid: forever");
        assertThat(cert.signatureValid()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"ED25519, ED25519, ssh-ed25519", "ECDSA_P256, RSA, rsa-sha2-512", "RSA, ECDSA_P384, ecdsa-sha2-nistp384"})
    void sshKeygenReadsTheCertificatesWeSign(KeyType subject, KeyType caType, String algorithm) throws Exception {
        Certificate cert = Certificate.builder(Key.generate(subject, 2048)).serial(99).keyId("ours")
                .principals(List.of("carol")).validity(1577836800L, 4102444800L)
                .criticalOption("force-command", "uptime").extension("permit-pty")
                .sign(Key.generate(caType, 2048), algorithm);
        Path file = directory.resolve("ours-cert.pub");
        Files.writeString(file, cert.publicLine() + "\n");
        String listed = KeyInteropTest.keygen("-L", "-f", file.toString());
        assertThat(listed).contains("Key ID: \"ours\"").contains("Serial: 99").contains("(using " + algorithm + ")")
                .contains("force-command uptime").contains("permit-pty");
        assertThat(principalsListed(listed)).containsExactly("carol");
    }

    private Path key(String name, String type) throws Exception {
        Path file = directory.resolve(name);
        KeyInteropTest.keygen("-q", "-t", type, "-N", "", "-f", file.toString());
        return file;
    }

    private static String local(long epochSeconds) {
        Instant instant = Instant.ofEpochSecond(epochSeconds);
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
    }

    /** The names under "Principals:" up to the next heading. */
    private static List<String> principalsListed(String listed) {
        String after = listed.substring(listed.indexOf("Principals:") + "Principals:".length());
        after = after.substring(0, after.indexOf("Critical Options:"));
        return after.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
