package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/** A Site on the real reactor, driven by curl and by a raw socket. */
@ExtendWith(TrialExtension.class)
class SiteIntegrationTest {

    /** Echoes the method, the args and the body's length and first bytes. */
    static final class Echo extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain; charset=utf-8");
            return ("GET " + request.getPath() + " " + request.getArgs() + "\n").getBytes(UTF_8);
        }

        @Override
        protected byte[] renderPOST(Request request) {
            byte[] body = request.content();
            return ("POST " + request.getArgs() + " length=" + body.length + " starts="
                    + new String(body, 0, Math.min(10, body.length), ISO_8859_1) + "\n").getBytes(UTF_8);
        }
    }

    /** Holds each request unfinished and tells the test when one arrives. */
    static final class Held extends Resource {
        final List<Request> requests = new ArrayList<>();
        Deferred<Request> arrived = new Deferred<>();

        @Override
        protected byte[] renderGET(Request request) {
            requests.add(request);
            arrived.callback(request);
            return NOT_DONE_YET;
        }
    }

    private NioReactor reactor;
    private LoopbackSite server;
    private Site site;
    private final Held held = new Held();

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        Resource root = new Resource();
        root.putChild("echo", new Echo());
        root.putChild("", Served.text("index\n"));
        root.putChild("held", held);
        server = LoopbackSite.listen(reactor, root);
        site = server.site();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }



    /** Sends the bytes on a fresh socket and reads until the server closes, with dates blanked. */
    private String raw(String request) throws Exception {
        return Served.blankDates(server.raw(request));
    }

    @Test
    void curlGetsAPageWithLengthDateAndServer() throws Exception {
        Run run = server.curl("-i", server.url("/echo/a%20b?x=1&x=2"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nServer: twisted4j-web\r\n")
                .containsPattern("\r\nDate: \\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n")
                .contains("\r\nContent-Length: 27\r\n").endsWith("\r\n\r\nGET /echo/a%20b {x=[1, 2]}\n");
    }

    @Test
    void curlHeadGetsTheLengthButNoBody() throws Exception {
        Run run = server.curl("-I", server.url("/"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 6\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void curlPostsAFormWithRepeatedKeys() throws Exception {
        Run run = server.curl("-d", "a=1&a=2&b=x%20y", server.url("/echo"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("POST {a=[1, 2], b=[x y]} length=15 starts=a=1&a=2&b=\n");
    }

    @Test
    void curlReusesTheConnectionForTwoUrls() throws Exception {
        Run run = server.curl("-v", server.url("/"), server.url("/echo/2"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("index\nGET /echo/2 {}\n");
        assertThat(run.stderr()).contains("Re-using existing connection");
    }

    @Test
    void curlUploadsAChunkedBody(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("upload.bin");
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Files.write(file, data);
        Run run = server.curl("-v", "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: application/octet-stream",
                "--data-binary", "@" + file, server.url("/echo"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("POST {} length=300000 starts=abcdefghij\n");
        assertThat(run.stderr()).contains("> Transfer-Encoding: chunked");
    }

    @Test
    void curlExpectingContinueGetsItBeforeSendingTheBody(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("upload.bin");
        Files.write(file, "0123456789".repeat(5000).getBytes(ISO_8859_1));
        Run run = server.curl("-v", "-H", "Expect: 100-continue", "-H", "Content-Type: application/octet-stream",
                "--expect100-timeout", "15", "--data-binary", "@" + file, server.url("/echo"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("POST {} length=50000 starts=0123456789\n");
        assertThat(run.stderr()).contains("> Expect: 100-continue").contains("< HTTP/1.1 100 Continue");
    }

    @Test
    void curlSees404And405() throws Exception {
        Run missing = server.curl("-o", "/dev/null", "-w", "%{http_code}", server.url("/nothing/here"));
        assertThat(missing.stdout()).isEqualTo("404");
        Run delete = server.curl("-i", "-X", "DELETE", server.url("/echo"));
        assertThat(delete.stdout()).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                .contains("\r\nAllow: GET, HEAD, POST\r\n");
    }

    @Test
    void pipelinedRequestsOnARawSocketAreAnsweredInOrder() throws Exception {
        String response = raw("GET /echo/1 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"
                + "GET /echo/3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        String head = "HTTP/1.1 200 OK\r\nDate: *\r\nServer: twisted4j-web\r\n";
        assertThat(response).isEqualTo(
                head + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 15\r\n\r\nGET /echo/1 {}\n"
                + head + "Content-Length: 28\r\n\r\nPOST {} length=3 starts=xyz\n"
                + head + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 15\r\nConnection: close\r\n\r\n"
                + "GET /echo/3 {}\n");
    }

    @Test
    void eachMalformedRequestOnARawSocketIs400AndClosed() throws Exception {
        List<String> malformed = List.of(
                "GET /echo HTTP/1.1\r\n\r\n",
                "GET  /echo HTTP/1.1\r\nHost: h\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost: h\r\nX: 1\r\n folded\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost: h\r\nX : 1\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        for (String request : malformed) {
            assertThat(raw(request)).as(request).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("\r\nConnection: close\r\n");
        }
    }

    @Test
    void oversizedRequestsOnARawSocketGet431And414And413() throws Exception {
        assertThat(raw("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
        assertThat(raw("GET /" + "u".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n"))
                .startsWith("HTTP/1.1 414 URI Too Long\r\n");
        site.setMaxBodyBytes(100);
        assertThat(raw("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n"))
                .startsWith("HTTP/1.1 413 Content Too Large\r\n");
    }

    @Test
    void clientGoingAwayFailsNotifyFinish() throws Exception {
        Socket socket = Coroutine.await(reactor.deferToThread(() -> {
            Socket client = new Socket("127.0.0.1", server.port());
            client.getOutputStream().write("GET /held HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
            return client;
        }));
        Request request = Coroutine.await(held.arrived);
        Deferred<@Nullable Void> finished = request.notifyFinish();
        Deferred<String> outcome = finished.addBoth(result -> result instanceof Failure failure
                ? "failed with " + failure.type().getSimpleName() : "finished");
        Coroutine.await(reactor.deferToThread(() -> {
            socket.close();
            return null;
        }));
        assertThat(Coroutine.await(outcome)).isIn("failed with ConnectionDone", "failed with ConnectionLost");
    }

    @Test
    void idleConnectionIsClosedByTheServer() throws Exception {
        site.setIdleTimeout(0.2);
        String response = raw("GET /echo/idle HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").endsWith("GET /echo/idle {}\n")
                .doesNotContain("Connection: close");
    }

    @Test
    void curlOverHttp10KeepsTheConnectionWhenAskedTo() throws Exception {
        Run run = server.curl("-v", "-0", "-H", "Connection: keep-alive", server.url("/"), server.url("/echo/2"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("index\nGET /echo/2 {}\n");
        assertThat(run.stderr()).contains("> GET / HTTP/1.0").contains("< Connection: keep-alive")
                .contains("Re-using existing connection");
    }
}
