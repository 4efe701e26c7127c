package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaticFile} keeps dot-files and dot-directories private unless allowed; in memory. */
class StaticFileDotfilesTest {
    /** Paths to dot-files, each of whose bodies says SECRET. */
    private static final List<String> HIDDEN = List.of("/.git/config", "/.env", "/.hidden/x", "/%2egit/config",
            "/%2Eenv", "/sub/.env", "/sub/%2ehidden/x", "//.env", "/.well-known/.secret");

    @TempDir
    Path dir;

    private StaticFile files;
    private Served served;

    @BeforeEach
    void serve() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "[core] SECRET\n");
        Files.writeString(dir.resolve(".env"), "PASSWORD=SECRET\n");
        Files.createDirectories(dir.resolve(".hidden"));
        Files.writeString(dir.resolve(".hidden/x"), "SECRET x\n");
        Files.createDirectories(dir.resolve("sub/.hidden"));
        Files.writeString(dir.resolve("sub/.env"), "SECRET sub\n");
        Files.writeString(dir.resolve("sub/.hidden/x"), "SECRET sub x\n");
        Files.writeString(dir.resolve("sub/visible.txt"), "visible\n");
        Files.createDirectories(dir.resolve(".well-known/acme-challenge"));
        Files.writeString(dir.resolve(".well-known/acme-challenge/token"), "token body\n");
        Files.writeString(dir.resolve(".well-known/.secret"), "SECRET well-known\n");
        Files.writeString(dir.resolve("index.txt"), "not an index\n");
        files = new StaticFile(dir);
        served = new Served(files);
    }

    private String get(String path) {
        return served.send("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").take();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void dotFilesAndDirectoriesAre404ByDefault() {
        for (String path : HIDDEN) {
            assertThat(get(path)).as(path).startsWith("HTTP/1.1 404 Not Found\r\n").doesNotContain("SECRET");
        }
        String head = served.send("HEAD /.env HTTP/1.1\r\nHost: h\r\n\r\n").take();
        assertThat(head).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void aDotFileAnswersExactlyAsAMissingFile() {
        String missing = get("/no-such-file");
        assertThat(get("/.env")).isEqualTo(missing);
        assertThat(get("/.git")).as("no redirect to the slash form").isEqualTo(missing);
        assertThat(get("/.git/")).as("no listing").startsWith("HTTP/1.1 404 ");
        String post = served.send("POST /.env HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n").take();
        String postMissing = served.send("POST /zenv HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n").take();
        assertThat(post).startsWith("HTTP/1.1 405 ");
        assertThat(post.replace("/.env", "/X")).isEqualTo(postMissing.replace("/zenv", "/X"));
    }

    @Test
    void wellKnownIsServed() {
        String response = get("/.well-known/acme-challenge/token");
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(body(response)).isEqualTo("token body\n");
        assertThat(get("/%2ewell-known/acme-challenge/token")).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(get("/.well-known/acme-challenge/")).startsWith("HTTP/1.1 200 OK\r\n").contains(">token<");
    }

    @Test
    void allowedDotFilesAreServed() {
        files.setAllowDotfiles(true);
        for (String path : HIDDEN) {
            String response = get(path);
            assertThat(response).as(path).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(body(response)).as(path).contains("SECRET");
        }
    }

    @Test
    void theListingLeavesDotEntriesOutButKeepsWellKnownAtTheTop() {
        String root = body(get("/"));
        assertThat(root).contains("href=\"sub/\"").contains("href=\"index.txt\"").contains("href=\".well-known/\"")
                .doesNotContain(".git").doesNotContain(".env").doesNotContain(".hidden")
                .as("no parent link at the top of the served tree").doesNotContain("href=\"../\"");
        String sub = body(get("/sub/"));
        assertThat(sub).contains("href=\"../\"").contains("href=\"visible.txt\"").contains("<time datetime=\"")
                .doesNotContain(".env").doesNotContain(".hidden");
        assertThat(body(get("/.well-known/"))).doesNotContain(".secret").contains("href=\"acme-challenge/\"");
    }

    @Test
    void anAllowedListingShowsDotEntries() {
        files.setAllowDotfiles(true);
        assertThat(body(get("/"))).contains("href=\".git/\"").contains("href=\".env\"").contains("href=\".hidden/\"");
        assertThat(body(get("/sub/"))).contains("href=\".env\"").contains("href=\".hidden/\"");
    }

    @Test
    void aChildTheApplicationRegistersUnderADotNameIsServed() {
        files.putChild(".status", Served.text("status page\n"));
        String response = get("/.status");
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(body(response)).isEqualTo("status page\n");
        assertThat(get("/.env")).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void processorsDoNotReachDotFiles() throws Exception {
        Files.writeString(dir.resolve(".hidden/run.show"), "SECRET script\n");
        Files.writeString(dir.resolve("run.show"), "script\n");
        files.setProcessors(Map.of(".show", file -> Served.text("ran " + file.getFileName() + "\n")));
        assertThat(body(get("/run.show"))).isEqualTo("ran run.show\n");
        assertThat(get("/.hidden/run.show")).startsWith("HTTP/1.1 404 ").doesNotContain("ran ");
    }

    @Test
    void anIndexNameTheApplicationSetsIsServedEvenWithADot() throws Exception {
        Files.writeString(dir.resolve("sub/.index.html"), "<p>dot index</p>\n");
        files.setIndexNames(List.of(".index.html"));
        assertThat(body(get("/sub/"))).isEqualTo("<p>dot index</p>\n");
        assertThat(get("/sub/.index.html")).as("asked for by name").startsWith("HTTP/1.1 404 ");
    }
}
