package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.Reactors;

/** {@code --reactors N} as separate JVMs: one copy of the service per reactor, on one shared port. */
class ReactorsProcessTest {

    @TempDir
    Path dir;

    private ChildJvm child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.kill();
        }
    }

    private static String ask(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static String get(int port, String path) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twistdWithTwoReactorsServesConnectionsOnBothAndStopsCleanlyOnSigterm() throws Exception {
        child = ChildJvm.start(Twistd.class, dir, "-n", "--pidfile", "", "--reactors", "2",
                "-y", WhoServesApplicationFactory.class.getName());
        int port = TwistProcessTest.port(child.awaitLine(line -> line.contains("who-serves listening on")));
        int again = TwistProcessTest.port(child.awaitLine(line -> line.contains("who-serves listening on")));
        assertThat(again).as("both copies listen on one port").isEqualTo(port);
        child.awaitLine(line -> line.contains("started on 2 reactors"));

        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 1000 && servedBy.size() < 2; i++) {
            servedBy.add(ask(port));
        }

        assertThat(servedBy).containsExactlyInAnyOrder("main", "twisted4j-reactor-1");
        child.terminate();
        assertThat(child.waitFor()).as("a clean stop on SIGTERM exits 0").isZero();
        assertThat(child.out()).containsOnlyOnce(WhoServesApplicationFactory.class.getName() + " stopped");
        assertThat(child.err()).doesNotContain("Exception");
    }

    @Test
    void twistWebWithTwoReactorsServesTheSameFilesFromBoth() throws Exception {
        servesTheSameFilesFromTwoReactors(Reactors.NIO);
    }

    @Test
    void twistWebOnTwoEpollReactorsServesTheSameFilesFromBoth() throws Exception {
        try {
            Reactors.require("epoll");
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("skipped: the epoll reactor cannot run here: " + e.getMessage());
        }
        servesTheSameFilesFromTwoReactors("epoll");
    }

    /** Runs {@code twist --reactor BACKEND --reactors 2 web} and fetches a file 50 times, each on a new connection. */
    private void servesTheSameFilesFromTwoReactors(String backend) throws Exception {
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello from two reactors\n");
        child = ChildJvm.start(Twist.class, dir, "--reactor", backend, "--reactors", "2", "web", "--path",
                site.toString(), "--listen", "tcp:0:interface=127.0.0.1");
        int port = TwistProcessTest.port(child.awaitLine(line -> line.contains("web listening on")));
        int again = TwistProcessTest.port(child.awaitLine(line -> line.contains("web listening on")));
        assertThat(again).as("both copies listen on one port").isEqualTo(port);
        child.awaitLine(line -> line.contains("web started on 2 reactors (reactor " + backend + ","));

        for (int i = 0; i < 50; i++) {
            // a new connection each time, so that the kernel spreads them over both reactors' sockets
            assertThat(get(port, "/hello.txt")).startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("\r\n\r\nhello from two reactors\n");
        }

        child.terminate();
        assertThat(child.waitFor()).as("a clean stop on SIGTERM exits 0").isZero();
        assertThat(child.out()).containsOnlyOnce("[twist#info] web stopped");
        assertThat(child.err()).doesNotContain("Exception");
    }
}
