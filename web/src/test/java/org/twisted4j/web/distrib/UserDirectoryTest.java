package org.twisted4j.web.distrib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.StaticFile;

/** {@code /~name/} served from each user's {@code public_html}, read with curl. */
@ExtendWith(TrialExtension.class)
class UserDirectoryTest {

    @TempDir
    Path dir;

    private LoopbackSite server;

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        Path alice = Files.createDirectories(dir.resolve("home/alice/public_html"));
        Files.createDirectories(alice.resolve("sub"));
        Files.writeString(alice.resolve("index.html"), "<p>alice's page</p>\n");
        Files.writeString(alice.resolve("sub/notes.txt"), "notes\n");
        Files.writeString(dir.resolve("home/alice/secret.txt"), "not public\n");
        Files.createDirectories(dir.resolve("home/bob"));
        Files.createDirectories(dir.resolve("root/public_html"));
        Files.writeString(dir.resolve("root/public_html/index.html"), "root's page\n");
        Path passwd = Files.writeString(dir.resolve("passwd"), String.join("\n",
                "root:x:0:0:root:" + dir.resolve("root") + ":/bin/sh",
                "toor:x:0:0:root again:" + dir.resolve("root") + ":/bin/sh",
                "alice:x:1000:1000:Alice,,,:" + dir.resolve("home/alice") + ":/bin/bash",
                "bob:x:1001:1001:Bob:" + dir.resolve("home/bob") + ":/bin/bash",
                "broken line",
                ""));
        server = LoopbackSite.listen(reactor, new UserDirectory(passwd, StaticFile::new));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private String get(String path) throws Exception {
        Run run = server.curl("-i", "--path-as-is", server.url(path));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    @Test
    void usersPublicHtmlIsServed() throws Exception {
        assertThat(get("/~alice/")).startsWith("HTTP/1.1 200 ").endsWith("<p>alice's page</p>\n");
        assertThat(get("/~alice/sub/notes.txt")).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nnotes\n");
        assertThat(get("/~alice")).startsWith("HTTP/1.1 302 ").contains("\r\nLocation: /~alice/\r\n");
    }

    @Test
    void theDirectoryListsUsersWithPages() throws Exception {
        assertThat(get("/")).startsWith("HTTP/1.1 200 ").contains("<a href=\"~alice/\">alice</a>")
                .doesNotContain("bob").doesNotContain("root").doesNotContain("toor");
    }

    @Test
    void othersAre404AndNothingOutsidePublicHtmlIsReached() throws Exception {
        assertThat(get("/~bob/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~root/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~toor/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~nobody-here/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~alice.twistd/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/alice/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~..%2F..%2Fetc/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~alice/../secret.txt")).doesNotContain("not public");
        assertThat(get("/~alice/%2e%2e/secret.txt")).doesNotContain("not public");
    }
}
