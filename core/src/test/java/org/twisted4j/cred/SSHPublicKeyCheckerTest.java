package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.cred.Results.failure;
import static org.twisted4j.cred.Results.result;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SSHPublicKeyCheckerTest {

    static byte[] ed25519Blob(int seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] type = "ssh-ed25519".getBytes(UTF_8);
        out.writeBytes(new byte[] {0, 0, 0, (byte) type.length});
        out.writeBytes(type);
        out.writeBytes(new byte[] {0, 0, 0, 32});
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        out.writeBytes(key);
        return out.toByteArray();
    }

    static String line(int seed, String comment) {
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(ed25519Blob(seed)) + " " + comment;
    }

    @Test
    void authorizedKeysLinesParseWithOptionsAndComments() {
        List<AuthorizedKey> keys = AuthorizedKeys.parse(String.join("\n",
                "# a comment",
                "",
                line(1, "alice@laptop"),
                "from=\"10.0.0.0/8,192.168.0.0/16\",command=\"echo hi there\",no-pty " + line(2, "with options"),
                "no-agent-forwarding " + line(3, ""),
                "ssh-ed25519 not-base64!!! x",
                "ssh-rsa " + Base64.getEncoder().encodeToString(ed25519Blob(4)) + " type mismatch",
                "garbage",
                "command=\"unterminated " + line(5, "")));
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0).options()).isEmpty();
        assertThat(keys.get(0).comment()).isEqualTo("alice@laptop");
        assertThat(keys.get(0).matches(ed25519Blob(1))).isTrue();
        assertThat(keys.get(1).options()).isEqualTo("from=\"10.0.0.0/8,192.168.0.0/16\",command=\"echo hi there\",no-pty");
        assertThat(keys.get(1).comment()).isEqualTo("with options");
        assertThat(keys.get(2).options()).isEqualTo("no-agent-forwarding");
        assertThat(keys.get(2).comment()).isEmpty();
    }

    @Test
    void keyLineWritesBackAsItWasRead() {
        String text = "no-pty " + line(7, "me@host");
        AuthorizedKey key = AuthorizedKeys.parseLine(text);
        assertThat(key.toLine()).isEqualTo(text);
        assertThat(AuthorizedKeys.parseLine(key.toLine())).isEqualTo(key);
    }

    @Test
    void unsignedKnownKeyIsValidPublicKey() {
        var checker = new SSHPublicKeyChecker(user -> AuthorizedKeys.parse(user.equals("alice") ? line(1, "") : ""));
        assertThat(failure(checker.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519Blob(1), null,
                null)))).isInstanceOf(ValidPublicKey.class);
    }

    @Test
    void unknownKeyOrUserIsUnauthorized() {
        var checker = new SSHPublicKeyChecker(user -> AuthorizedKeys.parse(user.equals("alice") ? line(1, "") : ""));
        assertThat(failure(checker.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519Blob(2), null,
                null)))).isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(checker.requestAvatarId(SSHPrivateKey.of("bob", "ssh-ed25519", ed25519Blob(1), null,
                null)))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void signedKeyLogsInOnlyIfTheVerifierAccepts() {
        byte[] data = "session".getBytes(UTF_8);
        byte[] good = "good".getBytes(UTF_8);
        AuthorizedKeysDB db = user -> AuthorizedKeys.parse(line(1, ""));
        var checker = new SSHPublicKeyChecker(db, (algorithm, blob, signed, signature) ->
                algorithm.equals("ssh-ed25519") && Arrays.equals(signed, data) && Arrays.equals(signature, good));
        assertThat(result(checker.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519Blob(1), data,
                good)))).isEqualTo("alice");
        assertThat(failure(checker.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519Blob(1), data,
                "bad".getBytes(UTF_8))))).isInstanceOf(UnauthorizedLogin.class);
        var refusing = new SSHPublicKeyChecker(db);
        assertThat(failure(refusing.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519Blob(1), data,
                good)))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void unixFilesReadBothAuthorizedKeysFilesOfTheUsersHome(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("home/alice");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/authorized_keys"), line(1, "one") + "\n");
        Files.writeString(home.resolve(".ssh/authorized_keys2"), line(2, "two") + "\n");
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "alice:x:1000:1000::" + home + ":/bin/sh\nbob:x:1001:1001::" + dir.resolve("none")
                + ":/bin/sh\n");
        var files = new UNIXAuthorizedKeysFiles(passwd);
        assertThat(files.getAuthorizedKeys("alice")).extracting(AuthorizedKey::comment).containsExactly("one", "two");
        assertThat(files.getAuthorizedKeys("bob")).isEmpty();
        assertThat(files.getAuthorizedKeys("carol")).isEmpty();
    }
}
