package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code twistd} as separate JVMs: daemonizing, the pidfile, the log file and its rotation, signals, start
 * failures, -y and --umask.
 */
class TwistdProcessTest {

    @TempDir
    Path dir;

    private final List<ProcessHandle> daemons = new ArrayList<>();

    @AfterEach
    void killDaemonsLeftBehind() {
        daemons.forEach(ProcessHandle::destroyForcibly);
    }

    private ChildJvm twistd(String... args) throws Exception {
        return ChildJvm.start(Twistd.class, dir, args);
    }

    /** Starts twistd with {@code options} running a port forwarder listening on a free loopback port. */
    private ChildJvm portforward(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("portforward", "--port", "tcp:0:interface=127.0.0.1"));
        return twistd(args.toArray(String[]::new));
    }

    private ProcessHandle daemonOf(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        daemons.add(daemon);
        return daemon;
    }

    private static void stop(ProcessHandle daemon) throws Exception {
        daemon.destroy();
        daemon.onExit().get(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void daemonStartsReturns0LeavesALivePidAndLogsAndStopsOnSigtermRemovingThePidfile() throws Exception {
        Path pid = dir.resolve("p.pid");
        Path log = dir.resolve("l.log");
        ChildJvm parent = portforward("--pidfile", pid.toString(), "--logfile", log.toString());
        assertThat(parent.waitFor()).as(parent.err()).isZero();
        assertThat(parent.out()).isEmpty();
        ProcessHandle daemon = daemonOf(pid);
        assertThat(daemon.isAlive()).isTrue();
        assertThat(daemon.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(Files.readString(log)).contains("[portforward#info] portforward listening on 127.0.0.1:")
                .contains("[twist#info] portforward started");
        stop(daemon);
        assertThat(pid).doesNotExist();
        assertThat(Files.readString(log)).contains("[twist#info] portforward stopped");
    }

    /** Waits (60 s at most) until {@code file} exists and contains {@code text}; returns its content. */
    static String awaitText(Path file, String text) throws Exception {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildJvm.WAIT_SECONDS);
            while (true) {
                String content = Files.exists(file) ? Files.readString(file) : "";
                if (content.contains(text)) {
                    return content;
                }
                long left = deadline - System.nanoTime();
                assertThat(left).as("'" + text + "' in " + file + ", which has:\n" + content).isPositive();
                WatchKey key = watch.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder(Peer.KILL.require().toString(), "-" + signal, String.valueOf(pid))
                .inheritIO().start();
        assertThat(kill.waitFor(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void aForegroundTwistdStopsOnSigtermWithStatus0AndRemovesItsPidfile() throws Exception {
        Path pid = dir.resolve("fg.pid");
        ChildJvm twistd = portforward("-n", "--pidfile", pid.toString());
        try {
            twistd.awaitLine(line -> line.contains("portforward started"));
            assertThat(Files.readString(pid).strip()).isEqualTo(String.valueOf(twistd.pid()));
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
            assertThat(pid).doesNotExist();
            assertThat(twistd.out()).contains("received SIGTERM, shutting down", "portforward stopped");
        } finally {
            twistd.kill();
        }
    }

    @Test
    void sighupReopensALogFileMovedAwayAndSigusr1RotatesIt() throws Exception {
        Path log = dir.resolve("app.log");
        ChildJvm twistd = portforward("-n", "--pidfile", "", "--logfile", log.toString());
        try {
            awaitText(log, "portforward started");
            Path moved = dir.resolve("app.log.moved");
            Files.move(log, moved);
            signal(twistd.pid(), "HUP");
            assertThat(awaitText(log, "log file reopened on signal")).doesNotContain("portforward started");
            assertThat(Files.readString(moved)).contains("portforward started").doesNotContain("reopened");
            signal(twistd.pid(), "USR1");
            awaitText(log, "log file rotated on signal");
            assertThat(Files.readString(dir.resolve("app.log.1"))).contains("log file reopened on signal")
                    .doesNotContain("rotated");
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
            assertThat(Files.readString(log)).contains("portforward stopped");
        } finally {
            twistd.kill();
        }
    }

    @Test
    void aSmallRotateLengthRotatesIntoNumberedFilesKeepingAtMostTheMaximum() throws Exception {
        Path log = dir.resolve("small.log");
        ChildJvm twistd = portforward("-n", "--pidfile", "", "--logfile", log.toString(), "--rotate-length", "1",
                "--max-rotated-files", "2");
        try {
            // every entry rotates the one before it away: "listening", then "started"
            awaitText(log, "portforward started");
            assertThat(Files.readString(dir.resolve("small.log.1"))).contains("listening on");
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
            awaitText(log, "portforward stopped");
            assertThat(dir.resolve("small.log.1")).exists();
            assertThat(dir.resolve("small.log.2")).exists();
            assertThat(dir.resolve("small.log.3")).doesNotExist();
        } finally {
            twistd.kill();
        }
    }

    /** Returns a port below 1024 nothing listens on: 80 if free. Root only. */
    private static int freePrivilegedPort() throws Exception {
        for (int port = 80; port > 0; port = port == 80 ? 1023 : port - 1) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (java.io.IOException taken) {
                // try the next one
            }
        }
        throw new AssertionError("no free port below 1024");
    }

    /** Returns the four ids (real, effective, saved, file system) of a {@code Uid:} or {@code Gid:} line. */
    private static List<String> ids(long pid, String field) throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":")).findFirst().map(line -> List.of(line.substring(
                        field.length() + 1).strip().split("\\s+"))).orElseThrow();
    }

    @Test
    void asRootTwistdBindsAPortBelow1024ThenServesAsNobody() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ids(ProcessHandle.current().pid(), "Uid").get(0).equals("0"),
                "binding a port below 1024 and switching users needs root (CI runs as root)");
        int port = freePrivilegedPort();
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "served after the switch\n");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildJvm twistd = twistd("-n", "--pidfile", "", "--uid", "nobody", "web", "--path", site.toString(),
                "--listen", "tcp:" + port + ":interface=127.0.0.1");
        try {
            twistd.awaitLine(line -> line.contains("web started"));
            assertThat(twistd.out()).contains("switched to user nobody (65534), gid 65534");
            assertThat(ids(twistd.pid(), "Uid")).containsOnly("65534");
            assertThat(ids(twistd.pid(), "Gid")).containsOnly("65534");
            ToolRun get = ToolRun.of(Peer.CURL, ToolRun.curlArguments("http://127.0.0.1:" + port + "/hello.txt"));
            assertThat(get.exitCode()).as(get.output()).isZero();
            assertThat(get.output()).isEqualTo("served after the switch\n");
            twistd.terminate();
            assertThat(twistd.waitFor()).as(twistd.err()).isZero();
        } finally {
            twistd.kill();
        }
    }

    @Test
    void anUnknownUserOrGroupIsAUsageError() throws Exception {
        ChildJvm user = twistd("-n", "--uid", "no-such-user-here", "portforward", "--port", "tcp:0");
        assertThat(user.waitFor()).isEqualTo(2);
        assertThat(user.err()).contains("--uid: no such user 'no-such-user-here'");
        ChildJvm group = twistd("-n", "--gid", "no-such-group-here", "portforward", "--port", "tcp:0");
        assertThat(group.waitFor()).isEqualTo(2);
        assertThat(group.err()).contains("--gid: no such group 'no-such-group-here'");
    }

    @Test
    void aSecondTwistdWithTheSamePidfileRefusesNamingThePidfileAndPid() throws Exception {
        Path pid = dir.resolve("twistd.pid");
        ChildJvm first = portforward();
        assertThat(first.waitFor()).as(first.err()).isZero();
        ProcessHandle daemon = daemonOf(pid);
        ChildJvm second = portforward();
        assertThat(second.waitFor()).isEqualTo(1);
        assertThat(second.err()).contains(pid.toString()).contains("pid " + daemon.pid());
        assertThat(daemonOf(pid)).isEqualTo(daemon);
        assertThat(dir.resolve("twistd.log")).exists();
        stop(daemon);
    }

    @Test
    void aStalePidfileIsReplaced() throws Exception {
        Path pid = dir.resolve("twistd.pid");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pid, gone.pid() + "\n");
        ChildJvm twistd = portforward();
        assertThat(twistd.waitFor()).as(twistd.err()).isZero();
        ProcessHandle daemon = daemonOf(pid);
        assertThat(daemon.pid()).isNotEqualTo(gone.pid());
        assertThat(Files.readString(dir.resolve("twistd.log"))).contains("Removing stale pidfile");
        stop(daemon);
    }

    @Test
    void aServiceThatCannotStartMakesTwistdReturn1WithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChildJvm twistd = twistd("portforward", "--port", "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1");
            assertThat(twistd.waitFor()).isEqualTo(1);
            assertThat(twistd.err()).startsWith("twistd: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .doesNotContain("\tat ");
        }
        assertThat(dir.resolve("twistd.pid")).doesNotExist();
        assertThat(Files.readString(dir.resolve("twistd.log"))).contains("portforward could not start");
    }

    @Test
    void minusYRunsTheApplicationTheFactoryBuildsInTheForeground() throws Exception {
        ChildJvm twistd = twistd("-n", "--pidfile", "app.pid", "-y", EchoApplicationFactory.class.getName());
        try {
            String line = twistd.awaitLine(l -> l.contains("echo application listening on"));
            int port = TwistProcessTest.port(line);
            try (var client = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(client.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
                        .isEqualTo("hello");
            }
            assertThat(Files.readString(dir.resolve("app.pid")).strip()).isNotEmpty();
            twistd.terminate();
            twistd.waitFor();
            assertThat(twistd.out()).contains("[twist#info] " + EchoApplicationFactory.class.getName() + " stopped");
            assertThat(dir.resolve("app.pid")).doesNotExist();
        } finally {
            twistd.kill();
        }
    }

    @Test
    void umask077MakesThePidAndLogFilesMode600() throws Exception {
        ChildJvm twistd = portforward("--umask", "077");
        assertThat(twistd.waitFor()).as(twistd.err()).isZero();
        ProcessHandle daemon = daemonOf(dir.resolve("twistd.pid"));
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("twistd.pid"))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(dir.resolve("twistd.log"))).isEqualTo(ownerOnly);
        stop(daemon);
    }

    @Test
    void theDaemonRunsInItsOwnSessionDetachedFromTheParent() throws Exception {
        ChildJvm twistd = portforward();
        assertThat(twistd.waitFor()).as(twistd.err()).isZero();
        ProcessHandle daemon = daemonOf(dir.resolve("twistd.pid"));
        String stat = Files.readString(Path.of("/proc/" + daemon.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(fields[3]).as("session id").isEqualTo(String.valueOf(daemon.pid()));
        assertThat(fields[4]).as("controlling terminal").isEqualTo("0");
        stop(daemon);
    }
}
