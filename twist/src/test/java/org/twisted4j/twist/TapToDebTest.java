package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code bin/tap2deb}: a package of {@code twist web} serving a directory is built, inspected with
 * {@code dpkg-deb}, installed with {@code dpkg -i} (as root only: it changes the system), its unit checked
 * with {@code systemd-analyze verify}, its launcher run as the package's user to serve a request, and the
 * package purged, leaving nothing behind; then the same for an {@code ApplicationFactory}'s application
 * ({@code --application}, the unit running {@code twistd -n -y CLASS}). The runtime jlink makes is kept in
 * {@link #RUNTIME_CACHE} and used again by every package these tests build.
 */
class TapToDebTest {
    private static final Peer DPKG_DEB = Peer.command("dpkg-deb", "dpkg");
    private static final Peer SYSTEMD_ANALYZE = Peer.command("systemd-analyze", "systemd");
    /** Runs the launcher as the package's user by exec, so that SIGTERM reaches the JVM itself. */
    private static final Peer SETPRIV = Peer.command("setpriv", "util-linux");
    private static final String NAME = "twisted4j-tap2deb-test";
    /** Test-only entries of this JVM's class path, left out of the package. */
    private static final List<String> TEST_ONLY = List.of("test-classes", "testing" + File.separator + "target",
            "junit", "opentest4j", "apiguardian", "assertj", "byte-buddy", "jazzer");

    /** Where the tests of bin/tap2deb and bin/tap2rpm keep the runtime jlink made, to make it once. */
    static final String RUNTIME_CACHE = Path.of("target", "tap2pkg-runtime").toAbsolutePath().toString();

    @TempDir
    Path dir;

    /** Returns this JVM's class path without its test-only entries: what a package of module twist holds. */
    static String packagedClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> TEST_ONLY.stream().noneMatch(entry::contains)).collect(Collectors.joining(":"));
    }

    @Test
    void packageOfTwistWebInstallsVerifiesServesAndPurgesCleanly() throws Exception {
        DPKG_DEB.require();
        SYSTEMD_ANALYZE.require();
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("index.txt"), "served from a package\n");
        for (Path readable : List.of(dir, site, site.resolve("index.txt"))) {
            Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString(
                    Files.isDirectory(readable) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path deb = dir.resolve("test.deb");
        run(List.of(Path.of("..", "bin", "tap2deb").toString(), "--plugin", "web", "--args",
                "--path " + site + " --listen tcp:" + port + ":interface=127.0.0.1", "-p", NAME, "-s", "1.2",
                "-e", "a test site", "--classpath", packagedClasspath(), "--runtime-cache", RUNTIME_CACHE,
                "-d", deb.toString()), 0);

        assertThat(run(List.of("dpkg-deb", "-I", deb.toString()), 0)).contains("Package: " + NAME)
                .contains("Version: 1.2").contains("Description: a test site");
        assertThat(run(List.of("dpkg-deb", "-c", deb.toString()), 0))
                .contains("./lib/systemd/system/" + NAME + ".service").contains("./etc/" + NAME + "/" + NAME + ".conf")
                .contains("./usr/lib/" + NAME + "/runtime/bin/java").contains("./usr/lib/" + NAME + "/bin/" + NAME)
                .contains("./usr/lib/" + NAME + "/lib/twisted4j-twist.jar");
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root");
        try {
            run(List.of("dpkg", "-i", deb.toString()), 0);
            run(List.of(SYSTEMD_ANALYZE.require().toString(), "verify", "/lib/systemd/system/" + NAME + ".service"), 0);
            ChildJvm service = ChildJvm.startCommand(List.of(SETPRIV.require().toString(), "--reuid=" + NAME,
                    "--regid=" + NAME, "--init-groups", "/usr/lib/" + NAME + "/bin/" + NAME), dir);
            service.awaitLine(line -> line.contains("web started"));
            assertThat(run(List.of(Peer.CURL.require().toString(), "--silent", "--max-time", "30",
                    "http://127.0.0.1:" + port + "/index.txt"), 0)).isEqualTo("served from a package\n");
            service.terminate();
            assertThat(service.waitFor()).isZero();
        } finally {
            run(List.of("dpkg", "--purge", NAME), 0);
        }
        assertThat(Path.of("/usr/lib", NAME)).doesNotExist();
        assertThat(Path.of("/etc", NAME)).doesNotExist();
        assertThat(Path.of("/lib/systemd/system", NAME + ".service")).doesNotExist();
        run(List.of("getent", "passwd", NAME), 2);
    }

    /**
     * Writes a jar holding only {@link EchoApplicationFactory} (a test class), for packaging an application as a
     * user would: their jar on the class path next to twisted4j's.
     */
    static Path echoApplicationJar(Path dir) throws Exception {
        Path jar = dir.resolve("echo-app.jar");
        Path classes = Path.of(EchoApplicationFactory.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(EchoApplicationFactory.class, EchoApplicationFactory.Echo.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void packageOfAnApplicationFactoryRunsTwistdMinusYAndServesAsItsUser() throws Exception {
        DPKG_DEB.require();
        Path deb = dir.resolve("app.deb");
        String application = EchoApplicationFactory.class.getName();
        run(List.of(Path.of("..", "bin", "tap2deb").toString(), "--type", "application", "--tapfile", application,
                "-s", "2.0", "--classpath", echoApplicationJar(dir) + ":" + packagedClasspath(), "--runtime-cache",
                RUNTIME_CACHE, "-d", deb.toString()), 0);
        String name = "twisted4j-echoapplicationfactory";
        assertThat(run(List.of("dpkg-deb", "-I", deb.toString()), 0)).contains("Package: " + name)
                .contains("Description: the EchoApplicationFactory application as a service");
        assertThat(run(List.of("dpkg-deb", "-c", deb.toString()), 0))
                .contains("./usr/lib/" + name + "/lib/echo-app.jar");
        Path unpacked = dir.resolve("unpacked");
        run(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()), 0);
        assertThat(Files.readString(unpacked.resolve("usr/lib/" + name + "/bin/" + name)))
                .contains("org.twisted4j.twist.Twistd \\\n  -n --pidfile '' $TWISTD_OPTIONS -y " + application + "\n");
        assertThat(Files.readString(unpacked.resolve("etc/" + name + "/" + name + ".conf")))
                .doesNotContain("PLUGIN_ARGS").contains(application);
        assertThat(run(List.of(Path.of("..", "bin", "tap2deb").toString(), "--application", "no.such.Factory",
                "--classpath", packagedClasspath(), "-d", dir.resolve("none.deb").toString()), 1))
                .contains("tap2deb: no class 'no.such.Factory' on the class path to package");
        assertThat(run(List.of(Path.of("..", "bin", "tap2deb").toString(), "--application", application, "--args",
                "--x"), 2)).contains("--args is for a plugin");
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root");
        try {
            run(List.of("dpkg", "-i", deb.toString()), 0);
            ChildJvm service = ChildJvm.startCommand(List.of(SETPRIV.require().toString(), "--reuid=" + name,
                    "--regid=" + name, "--init-groups", "/usr/lib/" + name + "/bin/" + name), dir);
            int port = TwistProcessTest.port(service.awaitLine(line -> line.contains("echo application listening")));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream().write("packaged".getBytes(UTF_8));
                assertThat(new String(client.getInputStream().readNBytes(8), UTF_8)).isEqualTo("packaged");
            }
            service.terminate();
            assertThat(service.waitFor()).isZero();
        } finally {
            run(List.of("dpkg", "--purge", name), 0);
        }
        assertThat(Path.of("/usr/lib", name)).doesNotExist();
        run(List.of("getent", "passwd", name), 2);
    }

    /** Runs {@code command}, checks its exit status, and returns its standard output. */
    static String run(List<String> command, int status) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + out).isEqualTo(status);
        return out;
    }
}
