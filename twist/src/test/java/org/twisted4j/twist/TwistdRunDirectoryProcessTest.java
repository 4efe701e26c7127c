package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code twistd --rundir} and {@code --chroot} as separate JVMs: relative paths of the command line resolved in
 * the run directory, the process id kept across the move, and a site served from inside a new root (as root),
 * whose pidfile a second twistd respects.
 */
class TwistdRunDirectoryProcessTest {

    @TempDir
    Path dir;

    /** Fetches {@code path} from a web server on the loopback port with curl. */
    private static String get(int port, String path) throws Exception {
        ToolRun get = ToolRun.of(Peer.CURL, ToolRun.curlArguments("http://127.0.0.1:" + port + path));
        assertThat(get.exitCode()).as(get.output()).isZero();
        return get.output();
    }

    @Test
    void aForegroundTwistdMovedToItsRundirKeepsItsPidAndResolvesPidfileAndPathThere() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run/site"));
        Files.writeString(run.resolve("hello.txt"), "served from the run directory\n");
        ChildJvm twistd = ChildJvm.start(Twistd.class, dir, "-n", "--rundir", "run", "--pidfile", "t.pid", "web",
                "--path", "site", "--listen", "tcp:0:interface=127.0.0.1");
        try {
            int port = TwistProcessTest.port(twistd.awaitLine(line -> line.contains("web listening on")));
            twistd.awaitLine(line -> line.contains("web started"));
            assertThat(Files.readString(dir.resolve("run/t.pid")).strip()).isEqualTo(String.valueOf(twistd.pid()));
            assertThat(dir.resolve("t.pid")).doesNotExist();
            assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(twistd.pid()), "cwd")))
                    .isEqualTo(dir.resolve("run").toRealPath());
            assertThat(get(port, "/hello.txt")).isEqualTo("served from the run directory\n");
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
            assertThat(dir.resolve("run/t.pid")).doesNotExist();
        } finally {
            twistd.kill();
        }
    }

    @Test
    void aDaemonWritesItsRelativeLogAndPidfileInItsRundir() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        ChildJvm parent = ChildJvm.start(Twistd.class, dir, "-d", "run", "--pidfile", "d.pid", "--logfile",
                "d.log", "portforward", "--port", "tcp:0:interface=127.0.0.1");
        assertThat(parent.waitFor()).as(parent.err()).isZero();
        long pid = Long.parseLong(Files.readString(run.resolve("d.pid"), StandardCharsets.US_ASCII).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        try {
            TwistdProcessTest.awaitText(run.resolve("d.log"), "portforward started");
            assertThat(dir.resolve("d.log")).doesNotExist();
            assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")))
                    .isEqualTo(run.toRealPath());
            daemon.destroy();
            daemon.onExit().get(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(run.resolve("d.pid")).doesNotExist();
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void aRundirThatIsNotThereIsReportedWithStatus1() throws Exception {
        ChildJvm twistd = ChildJvm.start(Twistd.class, dir, "-n", "--rundir", "missing", "portforward", "--port",
                "tcp:0");
        assertThat(twistd.waitFor()).isEqualTo(1);
        assertThat(twistd.err()).contains("twistd: --rundir: no such directory: missing");
    }

    @Test
    void asRootTwistdChrootedServesASiteFromInsideTheNewRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chroot(2) needs root (CI runs as root)");
        Path jail = Files.createDirectories(dir.resolve("jail/site"));
        Files.writeString(jail.resolve("hello.txt"), "served inside the chroot\n");
        ChildJvm twistd = ChildJvm.start(Twistd.class, dir, "-n", "--chroot", "jail", "--rundir", "/", "--pidfile",
                "t.pid", "web", "--path", "/site", "--listen", "tcp:0:interface=127.0.0.1");
        try {
            int port = TwistProcessTest.port(twistd.awaitLine(line -> line.contains("web listening on")));
            twistd.awaitLine(line -> line.contains("web started"));
            Path root = dir.resolve("jail").toRealPath();
            assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(twistd.pid()), "root"))).isEqualTo(root);
            assertThat(Files.readString(root.resolve("t.pid")).strip()).isEqualTo(String.valueOf(twistd.pid()));
            assertThat(get(port, "/hello.txt")).isEqualTo("served inside the chroot\n");
            assertThat(get(port, "/")).contains("hello.txt");
            ChildJvm second = ChildJvm.start(Twistd.class, dir, "-n", "--chroot", "jail", "--pidfile", "t.pid", "web",
                    "--path", "/site", "--listen", "tcp:0:interface=127.0.0.1");
            assertThat(second.waitFor()).isEqualTo(1);
            assertThat(second.err()).contains("another twistd is running with pid " + twistd.pid());
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
            assertThat(root.resolve("t.pid")).doesNotExist();
            assertThat(twistd.out()).doesNotContain("critical");
        } finally {
            twistd.kill();
        }
    }
}
