package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twist} as a separate JVM: a real plugin listening, forwarding, logging, and stopping on SIGTERM. */
class TwistProcessTest {

    static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    static int port(String line) {
        Matcher m = LISTENING.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void portforwardForwardsLogsItsAddressAndStopsCleanlyOnSigterm() throws Exception {
        try (ServerSocket destination = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChildJvm twist = ChildJvm.start(Twist.class, dir, "portforward", "--port", "tcp:0:interface=127.0.0.1",
                    "--host", "127.0.0.1", "--dest_port", String.valueOf(destination.getLocalPort()));
            try {
                String line = twist.awaitLine(l -> l.contains("listening on"));
                assertThat(line).matches("\\S+ \\[portforward#info\\] portforward listening on .*");
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port(line));
                        Socket forwarded = destination.accept()) {
                    client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    assertThat(new String(forwarded.getInputStream().readNBytes(4), StandardCharsets.US_ASCII))
                            .isEqualTo("ping");
                }
                twist.terminate();
                assertThat(twist.waitFor()).as("a clean stop on SIGTERM exits 0").isZero();
                assertThat(twist.out()).contains("[twist#info] portforward stopped");
                assertThat(twist.err()).doesNotContain("Exception");
            } finally {
                twist.kill();
            }
        }
    }

    @Test
    void jsonLogFormatWritesOneObjectALine() throws Exception {
        ChildJvm json = ChildJvm.start(Twist.class, dir, "--log-format", "json", "portforward", "--port",
                "tcp:0:interface=127.0.0.1");
        try {
            String line = json.awaitLine(l -> l.contains("listening on"));
            assertThat(line).startsWith("{").endsWith("}").contains("\"log_namespace\"").contains("portforward");
        } finally {
            json.terminate();
            json.waitFor();
        }
    }

    @Test
    void logFileAndLevelKeepOnlyEntriesAtOrAboveTheLevelInTheFile() throws Exception {
        Path log = dir.resolve("twist.log");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChildJvm twist = ChildJvm.start(Twist.class, dir, "--log-file", log.toString(), "--log-level", "error",
                    "portforward", "--port", "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1");
            assertThat(twist.waitFor()).isEqualTo(1);
            assertThat(twist.out()).isEmpty();
        }
        assertThat(Files.readString(log)).contains("[twist#critical] portforward could not start")
                .doesNotContain("#info]");
    }

    @Test
    void aPortInUseLogsOneClearLineAndExits1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChildJvm twist = ChildJvm.start(Twist.class, dir, "portforward", "--port",
                    "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1");
            assertThat(twist.waitFor()).isEqualTo(1);
            assertThat(twist.out()).containsPattern("\\[twist#critical\\] portforward could not start: cannot listen on"
                    + " 127\\.0\\.0\\.1:" + taken.getLocalPort() + ": .*\n");
            assertThat(twist.out() + twist.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void aUsageErrorInAChildJvmIsOneLineOnStderrWithStatus2() throws Exception {
        ChildJvm twist = ChildJvm.start(Twist.class, dir, "portforward", "--prot", "1");
        assertThat(twist.waitFor()).isEqualTo(2);
        assertThat(twist.err()).isEqualTo(
                "twist portforward: unknown option --prot (see 'twist portforward --help')\n");
        assertThat(twist.out()).isEmpty();
    }
}
