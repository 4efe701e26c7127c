package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/**
 * {@code twist web --personal} in a throwaway home, reached with curl through {@code twist web --user} on a
 * throwaway password file: two separate JVMs.
 */
class PersonalServerProcessTest {

    @TempDir
    Path dir;

    private ChildJvm personal;
    private ChildJvm users;

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm child : new ChildJvm[] {users, personal}) {
            if (child != null) {
                child.terminate();
                child.waitFor();
            }
        }
    }

    @Test
    void userDirectoryForwardsToThePersonalServerOnItsDefaultSocket() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/alice"));
        Path site = Files.createDirectories(home.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello from alice's server\n");
        Files.createDirectories(home.resolve("public_html"));
        Files.writeString(home.resolve("public_html/index.html"), "<p>alice's public_html</p>\n");
        Path passwd = Files.writeString(dir.resolve("passwd"),
                "alice:x:1000:1000:Alice:" + home + ":/bin/sh\nbob:x:1001:1001:Bob:" + dir + ":/bin/sh\n");
        personal = ChildJvm.startThrough(List.of("env", "JAVA_TOOL_OPTIONS=-Duser.home=" + home), Twist.class, dir,
                "web", "--personal", "--path", site.toString());
        assertThat(personal.awaitLine(line -> line.contains("web listening on")))
                .contains(home.resolve(".twistd-web-pb").toString());
        users = ChildJvm.start(Twist.class, dir, "web", "--user", "--passwd", passwd.toString(),
                "--listen", "tcp:0:interface=127.0.0.1");
        int port = TwistProcessTest.port(users.awaitLine(line -> line.contains("web listening on")));
        String base = "http://127.0.0.1:" + port;

        assertThat(curl("-i", base + "/~alice.twistd/hello.txt")).startsWith("HTTP/1.1 200 ")
                .endsWith("\r\n\r\nhello from alice's server\n");
        assertThat(curl("-i", base + "/~alice/")).endsWith("\r\n\r\n<p>alice's public_html</p>\n");
        assertThat(curl("-i", base + "/~bob.twistd/")).startsWith("HTTP/1.1 502 ");
    }

    private static String curl(String... args) throws Exception {
        ToolRun run = ToolRun.of(Peer.CURL, ToolRun.curlArguments(args));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }
}
