package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/**
 * A {@link StaticFile} at the root of a site, as {@code twist web --path .} serves a checkout, asked by curl
 * for its dot-files ({@code --path-as-is}, so that curl sends the paths unchanged).
 */
@ExtendWith(TrialExtension.class)
class StaticFileDotfilesIntegrationTest {
    private static final List<String> DOT_PATHS = List.of("/.git/config", "/.env", "/.hidden/x", "/%2egit/config");

    @TempDir
    Path www;

    private StaticFile files;
    private LoopbackSite server;

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        Files.createDirectories(www.resolve(".git"));
        Files.writeString(www.resolve(".git/config"), "[remote \"origin\"] SECRET\n");
        Files.writeString(www.resolve(".env"), "TOKEN=SECRET\n");
        Files.createDirectories(www.resolve(".hidden"));
        Files.writeString(www.resolve(".hidden/x"), "SECRET x\n");
        Files.createDirectories(www.resolve(".well-known"));
        Files.writeString(www.resolve(".well-known/x"), "well known\n");
        Files.writeString(www.resolve("README"), "readme\n");
        Files.createDirectories(www.resolve("docs"));
        Files.writeString(www.resolve("docs/a.txt"), "a\n");
        Files.writeString(www.resolve("docs/.env"), "SECRET docs\n");
        files = new StaticFile(www);
        server = LoopbackSite.listen(reactor, files);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private Run get(String path) throws Exception {
        Run run = server.curl("-i", "--path-as-is", server.url(path));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run;
    }

    @Test
    void dotPathsAre404ByDefault() throws Exception {
        for (String path : DOT_PATHS) {
            assertThat(get(path).stdout()).as(path).startsWith("HTTP/1.1 404 Not Found\r\n").doesNotContain("SECRET");
        }
    }

    @Test
    void dotPathsAreServedWhenAllowed() throws Exception {
        files.setAllowDotfiles(true);
        for (String path : DOT_PATHS) {
            assertThat(get(path).stdout()).as(path).startsWith("HTTP/1.1 200 OK\r\n").contains("SECRET");
        }
    }

    @Test
    void wellKnownIsServedByDefault() throws Exception {
        assertThat(get("/.well-known/x").stdout()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nwell known\n");
    }

    @Test
    void theListingLeavesDotEntriesOutAndShowsTheParentAndTimes() throws Exception {
        String root = get("/").stdout();
        assertThat(root).startsWith("HTTP/1.1 200 OK\r\n").contains("href=\"README\"").contains("href=\"docs/\"")
                .contains("href=\".well-known/\"").contains("<th>Last modified (UTC)</th>")
                .doesNotContain(".git").doesNotContain(".env").doesNotContain(".hidden")
                .doesNotContain("href=\"../\"");
        String docs = get("/docs/").stdout();
        assertThat(docs).contains("<a href=\"../\">../</a>").contains("href=\"a.txt\"")
                .containsPattern("<td><time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">"
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d</time></td>")
                .doesNotContain(".env");
    }

    @Test
    void anAllowedListingShowsTheDotEntries() throws Exception {
        files.setAllowDotfiles(true);
        assertThat(get("/").stdout()).contains("href=\".git/\"").contains("href=\".env\"").contains("href=\".hidden/\"");
    }
}
