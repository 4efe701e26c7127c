package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twisted4j.peers.Peer;

/** ckeygen's keys read by OpenSSH's ssh-keygen, and ssh-keygen's keys read by ckeygen. */
class CKeygenTest {

    @TempDir
    Path dir;

    record Ran(int status, String out, String err) {
    }

    private static Ran ckeygen(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CKeygen.run(List.of(args), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                null);
        return new Ran(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    private static Ran sshKeygen(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.SSH_KEYGEN.require().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), new String(out, UTF_8), new String(err, UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"ed25519,,v1", "ecdsa,256,v1", "ecdsa,384,PEM", "ecdsa,521,v1", "rsa,2048,v1", "rsa,3072,PEM"})
    void keysMadeAreReadBySshKeygen(String type, String bits, String subtype) throws Exception {
        Path key = dir.resolve("id_" + type);
        List<String> args = new ArrayList<>(List.of("-t", type, "-f", key.toString(), "-C", "alice@example",
                "--no-passphrase", "--private-key-subtype", subtype));
        if (bits != null) {
            args.addAll(List.of("-b", bits));
        }
        Ran made = ckeygen(args.toArray(String[]::new));
        assertThat(made.status()).as(made.err()).isZero();
        assertThat(made.out()).contains("Your identification has been saved in " + key);
        String publicLine = Files.readString(Path.of(key + ".pub")).strip();
        assertThat(publicLine).endsWith(" alice@example");
        Ran derived = sshKeygen("-y", "-f", key.toString());
        assertThat(derived.status()).as(derived.err()).isZero();
        assertThat(publicLine).startsWith(derived.out().strip().split(" ")[0] + " " + derived.out().strip()
                .split(" ")[1]);
        Ran theirs = sshKeygen("-l", "-f", key.toString());
        Ran ours = ckeygen("-l", "-f", key.toString());
        assertThat(ours.status()).as(ours.err()).isZero();
        String[] theirFields = theirs.out().strip().split(" ");
        String[] ourFields = ours.out().strip().split(" ");
        assertThat(ourFields[0]).as("bits").isEqualTo(theirFields[0]);
        assertThat(ourFields[1]).as("fingerprint").isEqualTo(theirFields[1]);
        assertThat(Files.getPosixFilePermissions(key)).hasSize(2);
    }

    @Test
    void aPassphraseSetAndChangedIsOneSshKeygenAccepts() throws Exception {
        Path key = dir.resolve("id_ed25519");
        assertThat(ckeygen("-t", "ed25519", "-f", key.toString(), "-N", "first", "-q").status()).isZero();
        assertThat(sshKeygen("-y", "-P", "first", "-f", key.toString()).status()).isZero();
        assertThat(sshKeygen("-y", "-P", "wrong", "-f", key.toString()).status()).isNotZero();
        Ran changed = ckeygen("-p", "-f", key.toString(), "-P", "first", "-N", "second");
        assertThat(changed.status()).as(changed.err()).isZero();
        assertThat(sshKeygen("-y", "-P", "second", "-f", key.toString()).status()).isZero();
        assertThat(ckeygen("-y", "-f", key.toString()).err()).contains("-P");
    }

    @Test
    void keysMadeBySshKeygenAreShownAsSshKeygenShowsThem() throws Exception {
        Path key = dir.resolve("theirs");
        assertThat(sshKeygen("-q", "-t", "ecdsa", "-N", "pass", "-C", "bob@example", "-f", key.toString()).status())
                .isZero();
        Ran publicHalf = ckeygen("-y", "-f", key.toString(), "-P", "pass");
        assertThat(publicHalf.out().strip()).isEqualTo(Files.readString(Path.of(key + ".pub")).strip());
        Ran md5 = ckeygen("-l", "-o", "md5-hex", "-f", key + ".pub");
        String theirMd5 = sshKeygen("-l", "-E", "md5", "-f", key + ".pub").out().split(" ")[1];
        assertThat(md5.out().split(" ")[1]).isEqualTo(theirMd5.substring("MD5:".length()));
        Ran sha = ckeygen("-l", "-f", key + ".pub");
        assertThat(sha.out()).isEqualTo(sshKeygen("-l", "-f", key + ".pub").out().split(" ")[0] + " "
                + sshKeygen("-l", "-f", key + ".pub").out().split(" ")[1] + " theirs.pub\n");
    }

    @Test
    void anExistingFileIsNeverOverwrittenAndBadOptionsAreRefused() throws Exception {
        Path key = dir.resolve("id");
        Files.writeString(key, "precious");
        Ran refused = ckeygen("-t", "ed25519", "-f", key.toString(), "--no-passphrase");
        assertThat(refused.status()).isEqualTo(CKeygen.EX_FAILED);
        assertThat(refused.err()).contains("already exists");
        assertThat(Files.readString(key)).isEqualTo("precious");
        assertThat(ckeygen("-t", "dsa").status()).isEqualTo(CKeygen.EX_USAGE);
        assertThat(ckeygen("-t", "ecdsa", "-b", "255", "-f", dir.resolve("x").toString(), "--no-passphrase").err())
                .contains("256, 384 or 521");
        assertThat(ckeygen("-t", "ed25519", "-f", dir.resolve("y").toString()).err()).contains("--no-passphrase");
    }
}
