package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twist web --listen stdio:} in a separate JVM:
 * HTTP requests on its standard input, answers on its output.
 */
class StdioEndpointProcessTest {

    @TempDir
    Path dir;

    private ChildJvm web;

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.kill();
            web.waitFor();
        }
    }

    private ChildJvm startWeb() throws Exception {
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello over standard I/O\n");
        return ChildJvm.start(Twist.class, dir, "--log-file", dir.resolve("twist.log").toString(), "web",
                "--path", site.toString(), "--listen", "stdio:");
    }

    @Test
    void pipelinedRequestsOnStandardInputAreAnsweredInOrderOnStandardOutput() throws Exception {
        web = startWeb();
        OutputStream in = web.stdin();
        in.write(("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /missing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
        in.flush();

        String out = web.awaitOutputClosed();
        assertThat(out).startsWith("HTTP/1.1 200 OK\n").contains("\nhello over standard I/O\nHTTP/1.1 404 Not Found\n");
        web.terminate();
        assertThat(web.waitFor()).as("a clean stop after the connection closed").isZero();
        web = null;
        assertThat(Files.readString(dir.resolve("twist.log"))).as("the log kept off standard output")
                .contains("web started").contains("web stopped");
    }

    @Test
    void endOfInputAfterARequestStillGetsTheWholeAnswer() throws Exception {
        web = startWeb();
        OutputStream in = web.stdin();
        in.write("GET /hello.txt HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
        in.close();

        assertThat(web.awaitOutputClosed()).startsWith("HTTP/1.1 200 OK\n").contains("\nConnection: close\n")
                .endsWith("\nhello over standard I/O\n");
    }
}
