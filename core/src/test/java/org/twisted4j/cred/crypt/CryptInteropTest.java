package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.peers.Peer;

/** Our hashes against OpenSSL's {@code passwd} and Debian's {@code mkpasswd} (libxcrypt). */
class CryptInteropTest {

    private static final String[] PASSWORDS = {"secret", "", "p\u00e4ssw\u00f6rd with spaces", "x".repeat(100)};
    /** OpenSSL's passwd takes an empty argument for no password at all. */
    private static final String[] NON_EMPTY = {"secret", "p\u00e4ssw\u00f6rd with spaces", "x".repeat(100)};

    @Test
    void sha512CryptMatchesOpensslPasswd() throws Exception {
        Path openssl = Peer.OPENSSL.require();
        for (String password : NON_EMPTY) {
            String theirs = run(openssl.toString(), "passwd", "-6", "-salt", "saltsalt", password);
            assertThat(Sha512Crypt.hash(password, "$6$saltsalt")).as(password).isEqualTo(theirs);
            assertThat(Sha512Crypt.verify(password, theirs)).isTrue();
        }
    }

    @Test
    void sha256CryptMatchesOpensslPasswd() throws Exception {
        Path openssl = Peer.OPENSSL.require();
        for (String password : NON_EMPTY) {
            String theirs = run(openssl.toString(), "passwd", "-5", "-salt", "0123456789abcdef", password);
            assertThat(Sha256Crypt.verify(password, theirs)).as(password).isTrue();
            assertThat(Sha256Crypt.hash(password, theirs.substring(0, theirs.lastIndexOf('$')))).isEqualTo(theirs);
        }
    }

    @Test
    void mkpasswdHashesVerify() throws Exception {
        Path mkpasswd = Peer.MKPASSWD.require();
        for (String password : PASSWORDS) {
            for (String method : new String[] {"bcrypt", "sha-512", "sha-256", "yescrypt", "scrypt"}) {
                List<String> command = new ArrayList<>(List.of(mkpasswd.toString(), "-m", method));
                if (method.equals("bcrypt")) {
                    command.addAll(List.of("-R", "5"));
                }
                command.add(password.isEmpty() ? "-s" : password);
                String theirs = password.isEmpty() ? runWithInput(command, "\n") : run(command.toArray(String[]::new));
                assertThat(CryptHashes.verify(password, theirs)).as(method + " " + password).isTrue();
                // A changed first character: bcrypt reads only the first 72 bytes, so a changed end may not count.
                assertThat(CryptHashes.verify("!" + password, theirs)).isFalse();
            }
        }
    }

    /** Each of libxcrypt's yescrypt costs within our memory limit, with a salt mkpasswd draws. */
    @Test
    void mkpasswdYescryptCostsVerifyAndAreReproduced() throws Exception {
        Path mkpasswd = Peer.MKPASSWD.require();
        for (int cost = 1; cost <= Yescrypt.MAX_COST; cost++) {
            String theirs = run(mkpasswd.toString(), "-m", "yescrypt", "-R", Integer.toString(cost), "secret");
            assertThat(Yescrypt.verify("secret", theirs)).as(theirs).isTrue();
            assertThat(Yescrypt.verify("secreT", theirs)).as(theirs).isFalse();
        }
        // Our own random-salt hashes, read by libxcrypt: mkpasswd -S passes a setting straight to crypt(3).
        String ours = Yescrypt.hash("p\u00e4ssw\u00f6rd", 3);
        assertThat(run(mkpasswd.toString(), "-S", ours.substring(0, ours.lastIndexOf('$')), "p\u00e4ssw\u00f6rd"))
                .isEqualTo(ours);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return runWithInput(List.of(command), "");
    }

    private static String runWithInput(List<String> command, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().write(input.getBytes(UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
