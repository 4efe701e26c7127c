package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code twist web --listen systemd:...} started by systemd's {@code systemd-socket-activate}, which binds the
 * socket, waits for the first connection, and execs the JVM with {@code LISTEN_FDS}; its {@code sd_notify}
 * messages are caught by a {@link DatagramReceiver} standing in for systemd.
 */
class SystemdActivationProcessTest {
    private static final Peer SOCKET_ACTIVATE = Peer.command("systemd-socket-activate", "systemd");

    @TempDir
    Path dir;

    private ChildJvm web;
    private DatagramReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.kill();
            web.waitFor();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Returns a loopback port that was free a moment ago: the launcher binds it itself, by number. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Starts twist through the launcher, once it listens (it starts the JVM at the first connection). */
    private ChildJvm activate(int port, String listen, String... launcherOptions) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello, socket activation\n");
        List<String> launcher = new ArrayList<>(List.of(SOCKET_ACTIVATE.require().toString(),
                "-l", "127.0.0.1:" + port));
        launcher.addAll(List.of(launcherOptions));
        ChildJvm started = ChildJvm.startThrough(launcher, Twist.class, dir, "web", "--path", site.toString(),
                "--listen", listen);
        started.awaitErrorLine(line -> line.startsWith("Listening on 127.0.0.1:" + port));
        return started;
    }

    @Test
    void twistWebServesThePassedSocketTellsSystemdItIsReadyAndStopsCleanly() throws Exception {
        Path notify = dir.resolve("notify.sock");
        receiver = DatagramReceiver.bind(notify);
        int port = freePort();
        web = activate(port, "systemd:domain=INET:name=web", "--fdname=web", "-E", "NOTIFY_SOCKET=" + notify);

        String body = run(Peer.CURL.require().toString(), "--silent", "--max-time", "30",
                "http://127.0.0.1:" + port + "/hello.txt");
        assertThat(body).isEqualTo("hello, socket activation\n");
        assertThat(receiver.next()).isEqualTo("READY=1 MAINPID=" + web.pid());
        web.terminate();
        assertThat(web.waitFor()).isZero();
        assertThat(receiver.next()).isEqualTo("STOPPING=1");
        assertThat(web.out()).as("standard output works again after the adopted socket closed")
                .contains("web listening on 127.0.0.1:" + port).contains("web stopped");
        web = null;
    }

    @Test
    void aSocketOfAnotherDomainStopsTwistWithAReason() throws Exception {
        int port = freePort();
        web = activate(port, "systemd:domain=UNIX:index=0");
        Socket first = new Socket(InetAddress.getLoopbackAddress(), port); // what makes the launcher start twist
        try {
            assertThat(web.waitFor()).isEqualTo(1);
        } finally {
            first.close();
        }
        assertThat(web.out()).contains("web could not start").contains("not of domain UNIX");
        web = null;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(ChildJvm.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
