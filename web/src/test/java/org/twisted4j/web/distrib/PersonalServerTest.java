package org.twisted4j.web.distrib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.StaticFile;
import org.twisted4j.web.WebPlugin;

/**
 * {@code twist web --personal} in a user's home, reached through a {@link UserDirectory} at {@code /~name.twistd/},
 * read with curl.
 */
@ExtendWith(TrialExtension.class)
class PersonalServerTest {

    @TempDir
    Path dir;

    private final WebPlugin plugin = new WebPlugin();
    private MultiService personal;
    private LoopbackSite front;

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        Path alice = Files.createDirectories(dir.resolve("home/alice"));
        Path site = Files.createDirectories(alice.resolve("site/docs"));
        Files.writeString(site.resolve("../index.html"), "<p>alice's own server</p>\n");
        Files.writeString(site.resolve("notes.txt"), "served by alice's process\n");
        Files.createDirectories(dir.resolve("home/bob/public_html"));
        Path passwd = Files.writeString(dir.resolve("passwd"), String.join("\n",
                "root:x:0:0:root:" + dir.resolve("home/alice") + ":/bin/sh",
                "alice:x:1000:1000:Alice,,,:" + alice + ":/bin/bash",
                "bob:x:1001:1001:Bob:" + dir.resolve("home/bob") + ":/bin/bash",
                ""));
        personal = (MultiService) plugin.makeService(reactor, plugin.options().parse(List.of("--personal",
                "--path", alice.resolve("site").toString(),
                "--listen", "unix:" + alice.resolve(UserDirectory.PERSONAL_SOCKET))));
        personal.privilegedStartService();
        personal.startService();
        Coroutine.await(((StreamServerEndpointService) personal.services().getFirst()).whenListening());
        front = LoopbackSite.listen(reactor, new UserDirectory(passwd, StaticFile::new, reactor));
    }

    @AfterEach
    void stop() throws Exception {
        front.stop();
        Coroutine.await(personal.stopService());
    }

    private String get(String path) throws Exception {
        Run run = front.curl("-i", "--path-as-is", front.url(path));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    @Test
    void aPersonalServerAnswersAtTildeNameDotTwistd() throws Exception {
        assertThat(get("/~alice.twistd/")).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n<p>alice's own server</p>\n");
        assertThat(get("/~alice.twistd/docs/notes.txt")).startsWith("HTTP/1.1 200 ")
                .contains("\r\nContent-Type: text/plain").endsWith("\r\n\r\nserved by alice's process\n");
        assertThat(get("/~alice.twistd/docs/")).startsWith("HTTP/1.1 200 ").contains("notes.txt");
        assertThat(get("/~alice.twistd/missing")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~alice.twistd/docs?x=1")).as("a redirect keeps the path the front server consumed")
                .containsPattern("(?i)\r\nlocation: [^\r\n]*/~alice\\.twistd/docs/\\?x=1\r\n");
        assertThat(get("/")).contains("<a href=\"~alice.twistd/\">alice (personal server)</a>")
                .contains("<a href=\"~bob/\">bob</a>").doesNotContain("bob.twistd");
    }

    @Test
    void othersAre502Or404() throws Exception {
        assertThat(get("/~bob.twistd/")).startsWith("HTTP/1.1 502 ").contains("personal server");
        assertThat(get("/~root.twistd/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~nobody.twistd/")).startsWith("HTTP/1.1 404 ");
        assertThat(get("/~alice.twistd/")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void personalAndUserTogetherAreAUsageError(NioReactor reactor) {
        assertThatThrownBy(() -> plugin.makeService(reactor, plugin.options().parse(List.of("--personal", "--user"))))
                .isInstanceOf(UsageError.class).hasMessageContaining("--personal");
        assertThat(plugin.options().help()).contains("--personal");
    }
}
