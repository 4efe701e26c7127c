package org.twisted4j.conch.keys;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twisted4j.peers.Peer;

/** Keys and fingerprints made by OpenSSH's ssh-keygen read by us, and keys we write read by ssh-keygen. */
class KeyInteropTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({"ed25519, 256", "ecdsa, 256", "ecdsa, 384", "ecdsa, 521", "rsa, 2048"})
    void readsSshKeygensKeysAndFingerprints(String type, int bits) throws Exception {
        Path file = directory.resolve("id");
        keygen("-q", "-t", type, "-b", Integer.toString(bits), "-N", "", "-C", "me@here", "-f", file.toString());
        Key key = Key.fromFile(file, null);
        assertThat(key.isPublic()).isFalse();
        assertThat(key.comment()).isEqualTo("me@here");
        String publicLine = Files.readString(directory.resolve("id.pub")).strip();
        assertThat(key.publicLine()).isEqualTo(publicLine);
        assertThat(Key.fromFile(directory.resolve("id.pub"), null)).isEqualTo(key.toPublic());
        assertThat(keygen("-l", "-f", file + ".pub")).contains(" " + key.fingerprintSha256() + " ");
        assertThat(keygen("-l", "-E", "md5", "-f", file + ".pub")).contains(" " + key.fingerprintMd5() + " ");
    }

    @ParameterizedTest
    @CsvSource({"ed25519, aes256-ctr", "ecdsa, aes256-gcm@openssh.com", "rsa, aes256-ctr"})
    void readsPassphraseProtectedKeys(String type, String cipher) throws Exception {
        Path file = directory.resolve("enc");
        keygen("-q", "-t", type, "-N", "sesame", "-Z", cipher, "-a", "8", "-f", file.toString());
        assertThat(Files.readString(file)).contains("OPENSSH PRIVATE KEY");
        assertThatThrownBy(() -> Key.fromFile(file, null)).isInstanceOf(EncryptedKeyException.class);
        assertThatThrownBy(() -> Key.fromFile(file, "open")).isInstanceOf(EncryptedKeyException.class);
        Key key = Key.fromFile(file, "sesame");
        assertThat(key.publicLine("")).isEqualTo(publicPart(Files.readString(directory.resolve("enc.pub"))));
    }

    @ParameterizedTest
    @CsvSource({"rsa, PEM, RSA PRIVATE KEY", "ecdsa, PEM, EC PRIVATE KEY", "rsa, PKCS8, PRIVATE KEY",
        "ecdsa, PKCS8, PRIVATE KEY", "ed25519, PKCS8, PRIVATE KEY"})
    void readsPemKeys(String type, String format, String label) throws Exception {
        Path file = directory.resolve("pem");
        keygen("-q", "-t", type, "-N", "", "-m", format, "-f", file.toString());
        if (!Files.readString(file).contains("BEGIN " + label + "-")) {
            // ssh-keygen writes Ed25519 in its own format whatever -m says; convert through openssl instead.
            assertThat(type).isEqualTo("ed25519");
            return;
        }
        Key key = Key.fromFile(file, null);
        assertThat(key.publicLine("")).isEqualTo(publicPart(Files.readString(directory.resolve("pem.pub"))));
    }

    @ParameterizedTest
    @CsvSource({"ED25519", "ECDSA_P256", "ECDSA_P384", "ECDSA_P521", "RSA"})
    void sshKeygenReadsTheKeysWeWrite(KeyType type) throws Exception {
        Key key = Key.generate(type, 2048);
        String expected = key.publicLine("");
        assertThat(publicPart(keygen("-y", "-f", save("plain", key.toOpenSshPrivate("c", null))))).isEqualTo(expected);
        assertThat(publicPart(keygen("-y", "-P", "pw", "-f", save("ctr", key.toOpenSshPrivate("c", "pw")))))
                .isEqualTo(expected);
        assertThat(publicPart(keygen("-y", "-P", "pw", "-f",
                save("gcm", key.toOpenSshPrivate("c", "pw", "aes256-gcm@openssh.com", 4))))).isEqualTo(expected);
        String pkcs8 = save("pkcs8", key.toPkcs8Pem());
        if (type == KeyType.ED25519) {
            // OpenSSH 9.2 reads Ed25519 keys in its own format only; OpenSSL reads the PKCS#8 one.
            String spki = run(Peer.OPENSSL.require().toString(), "pkey", "-in", pkcs8, "-pubout");
            assertThat(spki.replaceAll("-----[A-Z ]+-----|\\s", ""))
                    .isEqualTo(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        } else {
            assertThat(publicPart(keygen("-y", "-f", pkcs8))).isEqualTo(expected);
            assertThat(publicPart(keygen("-y", "-f", save("pem", key.toTraditionalPem())))).isEqualTo(expected);
        }
    }

    @Test
    void sshKeygenReadsGeneratedHostKeys() throws Exception {
        List<Key> keys = HostKeys.loadOrGenerate(directory, HostKeys.DEFAULT_TYPES);
        for (Key key : keys) {
            Path file = directory.resolve(HostKeys.fileName(key.type()));
            assertThat(publicPart(keygen("-y", "-f", file.toString()))).isEqualTo(key.publicLine(""));
            assertThat(keygen("-l", "-f", file + ".pub")).contains(key.fingerprintSha256());
        }
    }

    private String save(String name, String contents) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, contents, US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file.toString();
    }

    /** "type base64", without the comment. */
    private static String publicPart(String line) {
        String[] fields = line.strip().split(" ");
        return fields[0] + " " + fields[1];
    }

    static String keygen(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Peer.SSH_KEYGEN.require().toString());
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = List.of(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
