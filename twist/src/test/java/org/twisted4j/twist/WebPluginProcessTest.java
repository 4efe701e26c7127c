package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twist web} as a separate JVM, serving a directory to curl. */
class WebPluginProcessTest {

    @TempDir
    Path dir;

    private ChildJvm web;

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.terminate();
            web.waitFor();
        }
    }

    @Test
    void twistWebServesAFileWithAddedHeadersAndAnAccessLog() throws Exception {
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello from twist web\n");
        Files.writeString(site.resolve("about.html"), "<p>about</p>\n");
        Path accessLog = dir.resolve("access.log");
        web = ChildJvm.start(Twist.class, dir, "web", "--path", site.toString(), "--listen",
                "tcp:0:interface=127.0.0.1", "--add-header", "X-Served-By: twisted4j", "--ignore-ext", ".html",
                "--logfile", accessLog.toString());
        int port = TwistProcessTest.port(web.awaitLine(line -> line.contains("web listening on")));
        String file = curl("-i", "http://127.0.0.1:" + port + "/hello.txt");
        assertThat(file).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/plain\r\n")
                .contains("\r\nX-Served-By: twisted4j\r\n").endsWith("\r\n\r\nhello from twist web\n");
        // The server logs a request when it finishes it, on its own thread, before it serves the next
        // connection: once the second answer is here, the first line is in the log.
        assertThat(curl("http://127.0.0.1:" + port + "/about")).isEqualTo("<p>about</p>\n");
        assertThat(Files.readString(accessLog)).contains("\"GET /hello.txt HTTP/1.1\" 200 21");
    }

    /** Runs curl and returns what it printed; fails the test if curl is missing. */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30"));
        command.addAll(List.of(args));
        Process curl;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
            curl = builder.start();
        } catch (IOException e) {
            throw new AssertionError("curl is needed for this test: install the Debian package 'curl'", e);
        }
        String output = new String(curl.getInputStream().readAllBytes(), UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(curl.exitValue()).as(output).isZero();
        return output;
    }
}
