package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaticFile}'s processors and registered children, on an in-memory connection. */
class StaticFileProcessorsTest {

    @TempDir
    Path dir;

    private StaticFile files;

    /** A leaf that shows which file it was made for and how the path was split around it. */
    private static Resource shows(String kind, Path file) {
        return new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            public byte[] render(Request request) {
                return (kind + " " + file.getFileName() + " " + request.getMethod() + " pre=" + request.prepath()
                        + " post=" + request.postpath() + "\n").getBytes(UTF_8);
            }
        };
    }

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("run.pl"), "script\n");
        Files.writeString(dir.resolve("page.tpl.html"), "template\n");
        Files.writeString(dir.resolve("plain.txt"), "plain\n");
        Files.createDirectory(dir.resolve("app"));
        Files.writeString(dir.resolve("app/index.pl"), "index script\n");
        files = new StaticFile(dir);
        files.setIndexNames(List.of("index.html", "index.pl"));
        files.setProcessors(Map.of(".pl", file -> shows("pl", file), ".html", file -> shows("html", file),
                ".tpl.html", file -> shows("tpl", file)));
    }

    private String get(String request) {
        Served served = new Served(files);
        return served.send(request).take();
    }

    @Test
    void aProcessedFileIsAnsweredByItsResourceWithTheRestAsPostpath() {
        assertThat(get("GET /run.pl/a/b HTTP/1.1\r\nHost: h\r\n\r\n")).endsWith(
                "pl run.pl GET pre=[run.pl] post=[a, b]\n");
        assertThat(get("POST /run.pl HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"))
                .endsWith("pl run.pl POST pre=[run.pl] post=[]\n");
    }

    @Test
    void theLongestMatchingExtensionWins() {
        assertThat(get("GET /page.tpl.html HTTP/1.1\r\nHost: h\r\n\r\n")).endsWith(
                "tpl page.tpl.html GET pre=[page.tpl.html] post=[]\n");
    }

    @Test
    void anIndexFileIsProcessedUnderItsOwnName() {
        assertThat(get("GET /app/ HTTP/1.1\r\nHost: h\r\n\r\n")).endsWith(
                "pl index.pl GET pre=[app, index.pl] post=[]\n");
    }

    @Test
    void otherFilesAreSentAndAMissingScriptIsA404() {
        // HEAD: the body of a sent file would come from a producer that this in-memory connection does not drive
        assertThat(get("HEAD /plain.txt HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nContent-Length: 6\r\n");
        assertThat(get("GET /missing.pl HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(get("GET /plain.txt/extra HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(get("GET /../run.pl HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void aRegisteredChildAnswersBeforeTheFileSystem() {
        files.putChild("run.pl", Served.text("the child\n"));
        assertThat(get("GET /run.pl/x HTTP/1.1\r\nHost: h\r\n\r\n")).endsWith("\r\n\r\nthe child\n");
    }

    @Test
    void anEmptyOrSlashedExtensionIsRefused() {
        assertThatThrownBy(() -> files.setProcessors(Map.of("", file -> Served.text("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.setProcessors(Map.of("a/.pl", file -> Served.text("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
