package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code bin/tap2rpm}: a package of {@code twist web} serving a directory is built with {@code rpmbuild}, its
 * header, files, configuration files and scriptlets read back with {@code rpm -qp}, and installed with
 * {@code rpm -i --root} into a throwaway root (Debian's rpm cannot install into the live system: without its
 * scriptlets, which would create a user and call systemctl there, and without dependencies, which Debian's rpm
 * database does not know); the installed runtime and jars then serve a request, and {@code rpm -e} removes
 * the files again. The jlink'd runtime is the one {@link TapToDebTest}'s packages use.
 */
class TapToRpmTest {
    private static final Peer RPMBUILD = Peer.command("rpmbuild", "rpm");
    private static final String NAME = "twisted4j-tap2rpm-test";

    @TempDir
    Path dir;

    @Test
    void packageOfTwistWebHoldsWhatTap2debsHoldsAndServesOnceInstalledInARoot() throws Exception {
        RPMBUILD.require();
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("index.txt"), "served from an rpm\n");
        Path rpm = dir.resolve("test.rpm");
        TapToDebTest.run(List.of(Path.of("..", "bin", "tap2rpm").toString(), "--plugin", "web", "--args",
                "--path /srv/www --listen tcp:8080", "-p", NAME, "-V", "1.2", "-e", "a 100% test site",
                "-m", "Someone <someone@example.org>", "--classpath", TapToDebTest.packagedClasspath(),
                "--runtime-cache", TapToDebTest.RUNTIME_CACHE, "-r", rpm.toString()), 0);

        assertThat(rpm(0, "-qpi", rpm.toString())).contains("Name        : " + NAME).contains("Version     : 1.2")
                .contains("Summary     : a 100% test site").contains("Packager    : Someone <someone@example.org>");
        String lib = "/usr/lib/" + NAME;
        assertThat(rpm(0, "-qpl", rpm.toString()).lines()).contains("/usr/lib/systemd/system/" + NAME + ".service",
                "/etc/" + NAME + "/" + NAME + ".conf", lib + "/runtime/bin/java", lib + "/bin/" + NAME,
                lib + "/lib/twisted4j-twist.jar");
        assertThat(rpm(0, "-qpc", rpm.toString()).strip()).isEqualTo("/etc/" + NAME + "/" + NAME + ".conf");
        String scripts = rpm(0, "-qp", "--scripts", rpm.toString());
        assertThat(scripts.substring(scripts.indexOf("preinstall scriptlet"), scripts.indexOf("postinstall")))
                .contains("useradd --system --user-group --home-dir /var/lib/" + NAME);
        assertThat(scripts.substring(scripts.indexOf("postinstall scriptlet"), scripts.indexOf("preuninstall")))
                .contains("systemctl enable " + NAME + ".service", "systemctl restart " + NAME + ".service");
        assertThat(scripts.substring(scripts.indexOf("preuninstall scriptlet"), scripts.indexOf("postuninstall")))
                .contains("if [ \"$1\" -eq 0 ]; then", "systemctl stop " + NAME, "systemctl disable " + NAME);

        Path root = Files.createDirectory(dir.resolve("root"));
        rpm(0, "--root", root.toString(), "--initdb");
        rpm(0, "--root", root.toString(), "-i", "--nodeps", "--noscripts", rpm.toString());
        rpm(0, "--root", root.toString(), "-V", "--nodeps", "--noscripts", NAME);
        assertThat(Files.readString(root.resolve("usr/lib/systemd/system/" + NAME + ".service")))
                .contains("ExecStart=" + lib + "/bin/" + NAME, "Type=notify", "User=" + NAME);
        Path installed = root.resolve(lib.substring(1));
        ChildJvm twistd = ChildJvm.startCommand(List.of(installed.resolve("runtime/bin/java").toString(), "-cp",
                installed.resolve("lib") + "/*", Twistd.class.getName(), "-n", "--pidfile", "", "web", "--path",
                site.toString(), "--listen", "tcp:0:interface=127.0.0.1"), dir);
        try {
            int port = TwistProcessTest.port(twistd.awaitLine(line -> line.contains("web listening on")));
            ToolRun get = ToolRun.of(Peer.CURL, ToolRun.curlArguments("http://127.0.0.1:" + port + "/index.txt"));
            assertThat(get.exitCode()).as(get.output()).isZero();
            assertThat(get.output()).isEqualTo("served from an rpm\n");
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
        } finally {
            twistd.kill();
        }
        rpm(0, "--root", root.toString(), "-e", "--nodeps", "--noscripts", NAME);
        assertThat(installed).doesNotExist();
        assertThat(root.resolve("etc/" + NAME)).doesNotExist();
        assertThat(root.resolve("usr/lib/systemd/system/" + NAME + ".service")).doesNotExist();
    }

    /** Runs rpm with {@code args}, checks its exit status, and returns its output. */
    private static String rpm(int status, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("rpm"));
        command.addAll(List.of(args));
        return TapToDebTest.run(command, status);
    }
}
