package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/** {@code twist socks} as a separate JVM, with curl fetching a page through it by every SOCKS version. */
class SocksPluginProcessTest {
    private static final String PAGE = "fetched through the proxy\n";

    @TempDir
    Path dir;

    private ServerSocket web;
    private ChildJvm socks;

    /** A web server of one page: answers each connection's request with it, and closes. */
    @BeforeEach
    void startWebServer() throws IOException {
        web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!web.isClosed()) {
                try (Socket client = web.accept()) {
                    byte[] body = PAGE.getBytes(UTF_8);
                    client.getInputStream().read(new byte[8192]); // the request: one small read is enough
                    client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
                    client.getOutputStream().write(body);
                } catch (IOException closed) {
                    // the test is over, or a client went away
                }
            }
        });
    }

    @AfterEach
    void stopAll() throws Exception {
        if (socks != null) {
            socks.terminate();
            socks.waitFor();
        }
        web.close();
    }

    private int startSocks(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("socks", "--port", "0"));
        args.addAll(List.of(options));
        socks = ChildJvm.start(Twist.class, dir, args.toArray(String[]::new));
        return TwistProcessTest.port(socks.awaitLine(line -> line.contains("listening on")));
    }

    /** Runs curl with {@code args} and returns how it ended and what it printed. */
    private static ToolRun curl(String... args) throws Exception {
        return ToolRun.of(Peer.CURL, ToolRun.curlArguments(args));
    }

    private String pageUrl(String host) {
        return "http://" + host + ":" + web.getLocalPort() + "/page";
    }

    @Test
    void curlFetchesThroughEverySocksVersion() throws Exception {
        int port = startSocks("--log", dir.resolve("socks.log").toString());
        String proxy = "127.0.0.1:" + port;

        assertThat(curl("--socks4", proxy, pageUrl("127.0.0.1"))).isEqualTo(new ToolRun(0, PAGE));
        assertThat(curl("--socks4a", proxy, pageUrl("localhost"))).isEqualTo(new ToolRun(0, PAGE));
        assertThat(curl("--socks5", proxy, pageUrl("127.0.0.1"))).isEqualTo(new ToolRun(0, PAGE));
        assertThat(curl("--socks5-hostname", proxy, pageUrl("localhost"))).isEqualTo(new ToolRun(0, PAGE));

        socks.terminate();
        socks.waitFor();
        socks = null;
        assertThat(Files.readAllLines(dir.resolve("socks.log"))).hasSize(4);
    }

    @Test
    void withAuthOnlyAListedUserAndPasswordGetThrough() throws Exception {
        Path users = Files.writeString(dir.resolve("users.txt"), "# users\nalice:wonderland\n");
        String proxy = "127.0.0.1:" + startSocks("--auth", "file:" + users);

        assertThat(curl("--socks5", proxy, "--proxy-user", "alice:wonderland", pageUrl("127.0.0.1")))
                .isEqualTo(new ToolRun(0, PAGE));
        assertThat(curl("--socks5", proxy, "--proxy-user", "alice:guess", pageUrl("127.0.0.1")).exitCode())
                .isNotZero();
        assertThat(curl("--socks4", proxy, pageUrl("127.0.0.1")).exitCode()).isNotZero();
    }

    @Test
    void anyStrcredTypeThatChecksPasswordsWorksAsAuth() throws Exception {
        String proxy = "127.0.0.1:" + startSocks("--auth", "memory:alice:wonderland:bob:builder");

        assertThat(curl("--socks5", proxy, "--proxy-user", "bob:builder", pageUrl("127.0.0.1")))
                .isEqualTo(new ToolRun(0, PAGE));
        assertThat(curl("--socks5", proxy, "--proxy-user", "bob:wonderland", pageUrl("127.0.0.1")).exitCode())
                .isNotZero();
    }
}
