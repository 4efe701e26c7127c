package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

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

    @Test
    void twistWebSpeaksHttp2OnTlsThroughAlpnAndOnPlainTcpByPriorKnowledge() throws Exception {
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<p>h2</p>\n");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        run(Peer.OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost");
        web = ChildJvm.start(Twist.class, dir, "web", "--path", site.toString(),
                "--listen", "tcp:0:interface=127.0.0.1",
                "--listen", "ssl:0:interface=127.0.0.1:privateKey=" + key + ":certKey=" + cert);
        int first = TwistProcessTest.port(web.awaitLine(line -> line.contains("web listening on")));
        int second = TwistProcessTest.port(web.awaitLine(line -> line.contains("web listening on")));
        // Which port is which is told by trying TLS on the first: only the ssl: one answers it.
        boolean firstIsTls =
                exitCode(Peer.CURL, "--silent", "--max-time", "30", "-k", "https://127.0.0.1:" + first + "/") == 0;
        int tls = firstIsTls ? first : second;
        int plain = firstIsTls ? second : first;

        assertThat(curl("-k", "--http2", "-w", "%{http_version}", "https://127.0.0.1:" + tls + "/"))
                .isEqualTo("<p>h2</p>\n2");
        assertThat(curl("--http2-prior-knowledge", "-w", "%{http_version}", "http://127.0.0.1:" + plain + "/"))
                .isEqualTo("<p>h2</p>\n2");
        assertThat(curl("-w", "%{http_version}", "http://127.0.0.1:" + plain + "/")).isEqualTo("<p>h2</p>\n1.1");
        String load = run(Peer.H2LOAD, "-n", "200", "-c", "2", "-m", "10", "http://127.0.0.1:" + plain + "/");
        assertThat(load).contains("200 succeeded, 0 failed, 0 errored");
    }

    @Test
    void twistWebWithAuthAsksForAPasswordFromTheFileByBasicAndDigest() throws Exception {
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("secret.txt"), "for alice only\n");
        Path users = Files.writeString(dir.resolve("users.txt"), "alice:s3cret\n");
        web = ChildJvm.start(Twist.class, dir, "web", "--path", site.toString(), "--listen",
                "tcp:0:interface=127.0.0.1", "--auth", "file:" + users, "--auth-realm", "staff");
        String url = "http://127.0.0.1:" + TwistProcessTest.port(web.awaitLine(line -> line.contains("web listening on")))
                + "/secret.txt";
        String refused = curl("-i", url);
        assertThat(refused).startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .contains("\r\nWWW-Authenticate: basic realm=\"staff\"\r\n")
                .contains("\r\nWWW-Authenticate: digest nonce=").endsWith("\r\n\r\nUnauthorized");
        assertThat(curl("--basic", "-u", "alice:s3cret", url)).isEqualTo("for alice only\n");
        assertThat(curl("--digest", "-u", "alice:s3cret", url)).isEqualTo("for alice only\n");
        assertThat(curl("-w", " %{http_code}", "--basic", "-u", "alice:wrong", url)).isEqualTo("Unauthorized 401");
        assertThat(curl("-w", " %{http_code}", "--digest", "-u", "alice:wrong", url)).isEqualTo("Unauthorized 401");
        assertThat(curl("-w", " %{http_code}", "--basic", "-u", "bob:s3cret", url)).isEqualTo("Unauthorized 401");
    }

    /** Runs a peer's program and returns its output; fails the test if it fails. */
    private static String run(Peer tool, String... args) throws Exception {
        ToolRun run = ToolRun.of(tool, args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }

    private static int exitCode(Peer tool, String... args) throws Exception {
        return ToolRun.of(tool, args).exitCode();
    }

    /** Runs curl and returns what it printed; fails the test if curl fails. */
    private static String curl(String... args) throws Exception {
        return run(Peer.CURL, ToolRun.curlArguments(args));
    }
}
