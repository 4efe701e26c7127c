package org.twisted4j.web.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.StaticFile;

/** {@code .jsh} resource scripts served from a directory, read with curl while the scripts change. */
@ExtendWith(TrialExtension.class)
class ResourceScriptsTest {

    private static final String COUNTER = """
            // A page that counts its requests: its state lives as long as the script is unchanged.
            class Counter extends Resource {
                int hits;
                @Override public boolean isLeaf() { return true; }
                @Override protected byte[] renderGET(Request request) {
                    hits++;
                    return ("%s " + hits + " at /" + String.join("/", request.postpath()) + "\\n").getBytes();
                }
            }
            var resource = new Counter();
            """;

    @TempDir
    Path dir;

    private LoopbackSite server;
    private Path www;

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        www = Files.createDirectory(dir.resolve("www"));
        StaticFile files = new StaticFile(www);
        files.setProcessors(Map.of(".jsh", new ResourceScripts(reactor)));
        server = LoopbackSite.listen(reactor, files);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private String get(String path) throws Exception {
        Run run = server.curl("-i", server.url(path));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    private void write(String name, String text, int secondsLater) throws Exception {
        Path file = www.resolve(name);
        Files.writeString(file, text);
        // A change within the file system's clock tick would keep the old time: set one that differs.
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + secondsLater * 1000L));
    }

    @Test
    void aScriptIsEvaluatedOnceAndAgainWhenItChanges() throws Exception {
        write("count.jsh", COUNTER.formatted("first"), 0);
        assertThat(get("/count.jsh")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nfirst 1 at /\n");
        assertThat(get("/count.jsh/a/b")).endsWith("\r\n\r\nfirst 2 at /a/b\n");
        write("count.jsh", COUNTER.formatted("second"), 1);
        assertThat(get("/count.jsh")).endsWith("\r\n\r\nsecond 1 at /\n");
        assertThat(get("/count.jsh")).endsWith("\r\n\r\nsecond 2 at /\n");
    }

    @Test
    void theLastExpressionIsTheResourceWhenNoneIsNamed() throws Exception {
        write("static.jsh", """
                String greeting = "hi from " + scriptFile.getFileName();
                new ErrorPage(418, "Teapot", greeting)
                """, 0);
        assertThat(get("/static.jsh")).startsWith("HTTP/1.1 418 ").contains("hi from static.jsh");
    }

    @Test
    void failuresAre500PagesNamingTheLine(Trial trial) throws Exception {
        write("broken.jsh", "int a = 1;\n\nint b = a +;\nvar resource = new ErrorPage(200, \"x\", \"y\");\n", 0);
        write("throws.jsh", "// a comment\nint a = 1;\nObject o = List.of().get(a);\n", 0);
        write("number.jsh", "42\n", 0);
        write("empty.jsh", "// nothing\n", 0);
        assertThat(get("/broken.jsh")).startsWith("HTTP/1.1 500 ")
                .contains("The resource script broken.jsh failed at line 3; the error has been logged.")
                .doesNotContain("int b");
        assertThat(get("/throws.jsh")).startsWith("HTTP/1.1 500 ").contains("throws.jsh failed at line 3;");
        assertThat(get("/number.jsh")).startsWith("HTTP/1.1 500 ").contains("number.jsh failed;");
        assertThat(get("/empty.jsh")).startsWith("HTTP/1.1 500 ");
        server.site().setDisplayTracebacks(true);
        assertThat(get("/broken.jsh")).contains("broken.jsh failed at line 3: ");
        assertThat(get("/throws.jsh")).contains("failed at line 3: threw java.lang.ArrayIndexOutOfBoundsException");
        assertThat(get("/number.jsh")).contains("last value is a java.lang.Integer, not a org.twisted4j.web.Resource");
        // Fixing the script is enough: the next request evaluates it again.
        write("broken.jsh", "int a = 1;\n\nint b = a + 1;\nvar resource = new ErrorPage(200, \"fixed\", \"b=\" + b);\n", 1);
        assertThat(get("/broken.jsh")).startsWith("HTTP/1.1 200 ").contains("b=2");
        // Each failed evaluation was logged once, however many requests it answered.
        assertThat(trial.flushLoggedErrors(ResourceScriptException.class)).hasSize(4);
    }
}
