package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    /**
     * Random cheap settings of every mode (scrypt, write-once, read-write, {@code $7$}) with p, t and salts of every
     * length, hashed by libxcrypt ({@code mkpasswd -S}) and by us: the same hash, or refused by both. Seeded, so a
     * failure repeats.
     */
    @Test
    void randomSettingsHashAsLibxcryptHashesThem() throws Exception {
        Path mkpasswd = Peer.MKPASSWD.require();
        Random random = new Random(20261207);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?\u00e4\u00f6\u20ac";
        for (int i = 0; i < 40; i++) {
            String setting = randomSetting(random);
            StringBuilder password = new StringBuilder("p");
            for (int k = random.nextInt(30); k > 0; k--) {
                password.append(letters.charAt(random.nextInt(letters.length())));
            }
            String theirs = runOrNull(mkpasswd.toString(), "-S", setting, password.toString());
            if (theirs == null) {
                assertThatThrownBy(() -> Yescrypt.hash(password.toString(), setting)).as(setting)
                        .isInstanceOf(MalformedHashException.class);
            } else {
                assertThat(Yescrypt.hash(password.toString(), setting)).as(setting).isEqualTo(theirs);
            }
        }
    }

    private static String randomSetting(Random random) {
        int mode = random.nextInt(4);
        int log2N = 1 + random.nextInt(8);
        int r = 1 + random.nextInt(6);
        int p = 1 + random.nextInt(3);
        if (mode == 3) {
            StringBuilder setting = new StringBuilder(Yescrypt.SCRYPT_PREFIX).append(Yescrypt.ALPHABET.charAt(log2N));
            for (int value : new int[] {r, p}) {
                for (int k = 0; k < 5; k++, value >>= 6) {
                    setting.append(Yescrypt.ALPHABET.charAt(value & 63));
                }
            }
            for (int k = random.nextInt(16); k > 0; k--) {
                setting.append(Yescrypt.ALPHABET.charAt(random.nextInt(64)));
            }
            return setting.toString();
        }
        int t = mode == 0 ? 0 : random.nextInt(3);
        StringBuilder setting = new StringBuilder(Yescrypt.PREFIX)
                .append(Yescrypt.encodeNumber(mode == 2 ? 47 : mode, 0))
                .append(Yescrypt.encodeNumber(log2N, 1)).append(Yescrypt.encodeNumber(r, 1));
        int have = (p != 1 ? 1 : 0) | (t != 0 ? 2 : 0);
        if (have != 0) {
            setting.append(Yescrypt.encodeNumber(have, 1));
        }
        if (p != 1) {
            setting.append(Yescrypt.encodeNumber(p, 2));
        }
        if (t != 0) {
            setting.append(Yescrypt.encodeNumber(t, 1));
        }
        byte[] salt = new byte[random.nextInt(65)];
        random.nextBytes(salt);
        return setting.append('$').append(Yescrypt.encode(salt)).toString();
    }

    /** The command's output, or null if it failed (as mkpasswd does when crypt refuses a setting). */
    private static String runOrNull(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? out : null;
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
