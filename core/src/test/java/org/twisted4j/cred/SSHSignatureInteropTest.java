package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.cred.Results.failure;
import static org.twisted4j.cred.Results.result;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.peers.Peer;

/** Signatures made by Python Twisted's conch ({@code Key.sign}), verified by {@link SSHSignatureVerifier}. */
class SSHSignatureInteropTest {

    /** One line of {@code ssh_sign.py}: what it signed with, the public key blob, the signature. */
    private record Signed(String algorithm, byte[] blob, byte[] signature) {
    }

    @Test
    void everyKeyTypeConchSignsWithVerifies() throws Exception {
        byte[] data = new byte[64];
        new SecureRandom().nextBytes(data);
        List<Signed> signed = signWithTwisted(data);
        assertThat(signed).extracting(Signed::algorithm).containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256",
                "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa", "ssh-dss");
        SSHSignatureVerifier verifier = new SSHSignatureVerifier();
        byte[] changed = data.clone();
        changed[17] ^= 1;
        for (Signed one : signed) {
            assertThat(verifier.verify(one.algorithm(), one.blob(), data, one.signature())).as(one.algorithm()).isTrue();
            assertThat(verifier.verify(one.algorithm(), one.blob(), changed, one.signature()))
                    .as(one.algorithm() + " over other data").isFalse();
        }
    }

    @Test
    void checkerLogsInWithAConchSignatureFromAnAuthorizedKey() throws Exception {
        byte[] data = "session and request".getBytes(UTF_8);
        Signed ed25519 = signWithTwisted(data).get(0);
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(ed25519.blob()) + " alice@laptop";
        AuthorizedKeysDB db = user -> user.equals("alice") ? AuthorizedKeys.parse(line) : List.of();
        SSHPublicKeyChecker checker = new SSHPublicKeyChecker(db);

        assertThat(result(checker.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519.blob(), data,
                ed25519.signature())))).isEqualTo("alice");
        assertThat(failure(checker.requestAvatarId(SSHPrivateKey.of("alice", "ssh-ed25519", ed25519.blob(),
                "something else".getBytes(UTF_8), ed25519.signature())))).isInstanceOf(UnauthorizedLogin.class);
    }

    private static List<Signed> signWithTwisted(byte[] data) throws Exception {
        Path python = Peer.PYTHON_TWISTED.require();
        Path script = Path.of(SSHSignatureInteropTest.class.getResource("ssh_sign.py").toURI());
        Process process = new ProcessBuilder(python.toString(), script.toString(), HexFormat.of().formatHex(data))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Base64.Decoder base64 = Base64.getDecoder();
        return out.lines().map(l -> l.split(" ")).map(f -> new Signed(f[0], base64.decode(f[1]), base64.decode(f[2])))
                .toList();
    }
}
