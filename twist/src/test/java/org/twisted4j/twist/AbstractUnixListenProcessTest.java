package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twisted4j.internet.Reactors;
import org.twisted4j.peers.Peer;

/**
 * {@code twist --reactor epoll web --listen unix:@NAME}: a web server on a name in Linux's abstract namespace,
 * fetched with curl's {@code --abstract-unix-socket}.
 */
class AbstractUnixListenProcessTest {

    @TempDir
    Path dir;

    private ChildJvm child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.kill();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring"})
    void twistWebServesCurlOnAnAbstractName(String backend) throws Exception {
        Path curl = Peer.CURL.require();
        try {
            Reactors.require(backend);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("skipped: the " + backend + " reactor cannot run here: " + e.getMessage());
        }
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello from an abstract name\n");
        String name = "twisted4j-twist-test-" + ProcessHandle.current().pid() + "-" + backend;
        child = ChildJvm.start(Twist.class, dir, "--reactor", backend, "web", "--path", site.toString(),
                "--listen", "unix:@" + name);
        child.awaitLine(line -> line.contains("web started (reactor " + backend + ","));

        Process fetch = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "30", "--abstract-unix-socket",
                name, "http://localhost/hello.txt").redirectErrorStream(true).start();
        String body = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fetch.waitFor(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(fetch.exitValue()).as("curl's status; it said: %s", body).isZero();
        assertThat(body).isEqualTo("hello from an abstract name\n");

        child.terminate();
        assertThat(child.waitFor()).as("a clean stop on SIGTERM exits 0").isZero();
        assertThat(child.err()).doesNotContain("Exception");
    }
}
