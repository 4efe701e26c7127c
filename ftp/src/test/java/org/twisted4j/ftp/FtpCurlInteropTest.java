package org.twisted4j.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.ftp.FtpFixture.run;
import static org.twisted4j.ftp.FtpFixture.with;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** curl's ftp:// and ftps:// clients against our server: passive, active, upload, resume, explicit and implicit TLS. */
@ExtendWith(TrialExtension.class)
class FtpCurlInteropTest {

    @TempDir
    Path dir;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void passiveAndActiveDownloadsListingsAndResume(NioReactor reactor) throws Exception {
        Path curl = Peer.CURL.require();
        FtpFixture ftp = new FtpFixture(reactor, dir, false);
        byte[] content = random(3_000_000);
        Files.write(ftp.pub.resolve("big.bin"), content);
        Files.createDirectories(ftp.pub.resolve("sub"));
        String base = "ftp://127.0.0.1:" + ftp.port() + "/";
        List<String> common = List.of(curl.toString(), "-sS", "--max-time", "60");

        Path pasv = dir.resolve("pasv.bin");
        String[] got = run(reactor, with(common, "--ftp-pasv", "-o", pasv.toString(), base + "big.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(pasv)).isEqualTo(content);

        Path port = dir.resolve("port.bin");
        got = run(reactor, with(common, "--ftp-port", "127.0.0.1", "-o", port.toString(), base + "big.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(port)).isEqualTo(content);

        Path partial = dir.resolve("partial.bin");
        Files.write(partial, java.util.Arrays.copyOf(content, 1_234_567));
        got = run(reactor, with(common, "-C", "-", "-o", partial.toString(), base + "big.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(partial)).isEqualTo(content);

        got = run(reactor, with(common, base));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(got[1]).containsPattern("(?m)^-rw.* 3000000 .* big\\.bin\r?$").containsPattern("(?m)^d.* sub\r?$");
        got = run(reactor, with(common, "--list-only", base));
        assertThat(got[1].replace("\r", "")).isEqualTo("big.bin\nsub\n");
        ftp.stop();
    }

    @Test
    void uploadsAppendsAndResumedUploadsAsAlice(NioReactor reactor) throws Exception {
        Path curl = Peer.CURL.require();
        FtpFixture ftp = new FtpFixture(reactor, dir, false);
        byte[] content = random(2_000_000);
        Path local = dir.resolve("up.bin");
        Files.write(local, content);
        String base = "ftp://127.0.0.1:" + ftp.port() + "/";
        List<String> common = List.of(curl.toString(), "-sS", "--max-time", "60", "--user", "alice:secret");

        String[] got = run(reactor, with(common, "-T", local.toString(), "--ftp-create-dirs", base + "new/dir/up.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(ftp.home.resolve("new/dir/up.bin"))).isEqualTo(content);

        Files.write(ftp.home.resolve("resume.bin"), java.util.Arrays.copyOf(content, 777_777));
        got = run(reactor, with(common, "-C", "-", "-T", local.toString(), base + "resume.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(ftp.home.resolve("resume.bin"))).isEqualTo(content);

        got = run(reactor, with(common, "-T", local.toString(), "--append", base + "resume.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.size(ftp.home.resolve("resume.bin"))).isEqualTo(2L * content.length);

        got = run(reactor, with(common, "-Q", "-DELE /resume.bin", "-Q", "-RNFR up.bin", "-Q", "-RNTO moved.bin",
                base + "new/dir/"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(ftp.home.resolve("resume.bin")).doesNotExist();
        assertThat(ftp.home.resolve("new/dir/moved.bin")).exists();

        List<String> anonymous = List.of(curl.toString(), "-sS", "--max-time", "60");
        got = run(reactor, with(anonymous, "-T", local.toString(), base + "nope.bin"));
        assertThat(got[0]).as(got[1]).isNotEqualTo("0");
        assertThat(got[1]).contains("550");
        assertThat(ftp.pub.resolve("nope.bin")).doesNotExist();
        ftp.stop();
    }

    @Test
    void explicitAndImplicitFtpsWithProtectedData(NioReactor reactor) throws Exception {
        Path curl = Peer.CURL.require();
        FtpFixture ftp = new FtpFixture(reactor, dir.resolve("explicit"), false);
        ftp.factory.setRequireTls(true);
        
        byte[] content = random(1_500_000);
        Files.write(ftp.pub.resolve("secret.bin"), content);
        Path local = dir.resolve("tls.bin");
        List<String> common = List.of(curl.toString(), "-sS", "--max-time", "60", "-k");

        String[] got = run(reactor, with(common, "--ssl-reqd", "-o", local.toString(),
                "ftp://127.0.0.1:" + ftp.port() + "/secret.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(local)).isEqualTo(content);

        got = run(reactor, with(common, "--user", "alice:secret", "--ssl-reqd", "-T", local.toString(),
                "ftp://127.0.0.1:" + ftp.port() + "/up.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(ftp.home.resolve("up.bin"))).isEqualTo(content);

        // protected uploads of some MiB, whole and resumed, with no retries
        byte[] large = random(7_000_000);
        Path big = dir.resolve("large.bin");
        Files.write(big, large);
        for (int i = 0; i < 3; i++) {
            got = run(reactor, with(common, "--user", "alice:secret", "--ssl-reqd", "-T", big.toString(),
                    "ftp://127.0.0.1:" + ftp.port() + "/large" + i + ".bin"));
            assertThat(got[0]).as(got[1]).isEqualTo("0");
            assertThat(Files.mismatch(ftp.home.resolve("large" + i + ".bin"), big)).isEqualTo(-1L);
        }
        Files.write(ftp.home.resolve("partial.bin"), java.util.Arrays.copyOf(large, 3_000_000));
        got = run(reactor, with(common, "--user", "alice:secret", "--ssl-reqd", "-C", "-", "-T", big.toString(),
                "ftp://127.0.0.1:" + ftp.port() + "/partial.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.mismatch(ftp.home.resolve("partial.bin"), big)).isEqualTo(-1L);

        got = run(reactor, with(List.of(curl.toString(), "-sS", "--max-time", "60"), "-o", local.toString(),
                "ftp://127.0.0.1:" + ftp.port() + "/secret.bin"));
        assertThat(got[0]).as("plain login refused under --require-tls: " + got[1]).isNotEqualTo("0");
        assertThat(got[1]).contains("530");
        ftp.stop();

        FtpFixture implicit = new FtpFixture(reactor, dir.resolve("implicit"), true);
        Files.write(implicit.pub.resolve("secret.bin"), content);
        Files.delete(local);
        got = run(reactor, with(common, "-o", local.toString(), "ftps://127.0.0.1:" + implicit.port() + "/secret.bin"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(Files.readAllBytes(local)).isEqualTo(content);
        implicit.stop();
    }
}
