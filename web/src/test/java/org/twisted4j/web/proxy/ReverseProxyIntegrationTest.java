package org.twisted4j.web.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.BlockResource;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.StreamingResource;

/** A Site with a ReverseProxyResource in front of another Site, on loopback, driven by curl and raw sockets. */
@ExtendWith(TrialExtension.class)
class ReverseProxyIntegrationTest {

    static final int BLOCK = 64 * 1024;
    static final long BIG = 32L << 20;
    /** More than loopback's socket buffers on both sides of the proxy can hold (Linux grows them to tens of MiB). */
    static final long UPLOAD = 96L << 20;

    /** Answers any method with what it was sent. */
    static final class Echo extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public byte[] render(Request request) {
            request.setHeader("Content-Type", "text/plain; charset=utf-8");
            request.setHeader("X-Backend", "yes");
            return (request.getMethod() + " " + request.getUri() + "\nHost: " + request.getHeader("Host")
                    + "\nX-Forwarded-For: " + request.getHeader("X-Forwarded-For")
                    + "\nX-Forwarded-Host: " + request.getHeader("X-Forwarded-Host")
                    + "\nX-Forwarded-Proto: " + request.getHeader("X-Forwarded-Proto")
                    + "\nX-Secret: " + request.getHeader("X-Secret")
                    + "\nbody: " + new String(request.content(), UTF_8) + "\n").getBytes(UTF_8);
        }
    }

    /** Holds each request after writing a first piece of its body, and tells the test. */
    static final class Held extends Resource {
        final List<Request> requests = new ArrayList<>();
        Deferred<Request> arrived = new Deferred<>();
        final Deferred<Request> gone = new Deferred<>();

        @Override
        protected byte[] renderGET(Request request) {
            requests.add(request);
            request.write("partial".getBytes(ISO_8859_1));
            request.notifyFinish().addErrback(f -> {
                gone.callback(request);
                return null;
            });
            arrived.callback(request);
            return NOT_DONE_YET;
        }
    }

    /** Takes a streamed body, holding it after its first piece until released; answers its length and CRC. */
    static final class Sink extends Resource implements StreamingResource {
        final Deferred<Request> holding = new Deferred<>();
        final CRC32 crc = new CRC32();
        long length;

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public BodyReceiver bodyReceiver(Request request) {
            return new BodyReceiver() {
                @Override
                public void dataReceived(ByteBuffer piece) {
                    length += piece.remaining();
                    crc.update(piece);
                    if (!holding.isCalled()) {
                        request.pauseBody();
                        holding.callback(request);
                    }
                }

                @Override
                public void bodyFinished() {
                }

                @Override
                public void bodyFailed(Failure reason) {
                }
            };
        }

        @Override
        protected byte[] renderPOST(Request request) {
            return ("length=" + length + " crc=" + crc.getValue()).getBytes(ISO_8859_1);
        }
    }

    static byte[] block(long index) {
        byte[] bytes = new byte[BLOCK];
        long x = index * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < BLOCK; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    static long expectedCrc() {
        return crcOf(BIG);
    }

    static long crcOf(long length) {
        return BlockResource.crc(length / BLOCK, ReverseProxyIntegrationTest::block);
    }

    private NioReactor reactor;
    private final List<LoopbackSite> servers = new ArrayList<>();
    private final Held held = new Held();
    private final Sink sink = new Sink();
    private ReverseProxyResource proxy;
    private LoopbackSite front;
    private int proxyPort;
    private int backendPort;

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        Resource backendRoot = new Resource();
        backendRoot.putChild("echo", new Echo());
        backendRoot.putChild("big", new BlockResource(BIG / BLOCK, BLOCK, ReverseProxyIntegrationTest::block));
        backendRoot.putChild("held", held);
        backendRoot.putChild("sink", sink);
        backendPort = listen(backendRoot).port();
        Resource root = new Resource();
        proxy = new ReverseProxyResource("127.0.0.1", backendPort, "");
        root.putChild("p", proxy);
        front = listen(root);
        proxyPort = front.port();
    }

    LoopbackSite listen(Resource root) {
        LoopbackSite server = LoopbackSite.listen(reactor, root);
        server.site().setMaxBodyBytes(2 * UPLOAD);
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        for (LoopbackSite server : servers) {
            server.stop();
        }
    }

    @Test
    void getWithQueryReachesTheServerWithHostRewrittenAndForwardedFields() throws Exception {
        Run run = front.curl("-i", "-H", "Connection: X-Secret", "-H", "X-Secret: s",
                front.url("/p/echo/a%20b?x=1&y=%2F"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nX-Backend: yes\r\n")
                .endsWith("\r\n\r\nGET /echo/a%20b?x=1&y=%2F\nHost: 127.0.0.1:" + backendPort
                        + "\nX-Forwarded-For: 127.0.0.1\nX-Forwarded-Host: 127.0.0.1:" + proxyPort
                        + "\nX-Forwarded-Proto: http\nX-Secret: null\nbody: \n");
    }

    @Test
    void postBodyIsForwarded() throws Exception {
        Run run = front.curl("--data-binary", "name=value&more=1", front.url("/p/echo"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("POST /echo\n").endsWith("\nbody: name=value&more=1\n");
    }

    @Test
    void aChunkedServerResponseReachesCurlWhole() throws Exception {
        Run run = front.curl("-v", "-o", "/dev/null", "-w", "%{size_download}", front.url("/p/big?chunked=1"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(Long.toString(BIG));
        assertThat(run.stderr()).contains("< Transfer-Encoding: chunked");
    }

    @Test
    void aLargeResponseStreamsIntactWhileASlowClientPausesTheServer() throws Exception {
        fetchBigSlowly("/p/big");
    }

    @Test
    void aLargeChunkedResponseStreamsIntactWhileASlowClientPausesTheServer() throws Exception {
        fetchBigSlowly("/p/big?chunked=1");
    }

    /** What a slow raw client received: the response head, then the body's length and CRC. */
    record Fetched(String head, long length, long crc) {
    }

    /**
     * Fetches the 32 MiB response with a client that reads nothing past the head until the proxy has paused
     * reading from the server, then checks the proxy had received only a bounded part of it by then.
     */
    private void fetchBigSlowly(String path) throws Exception {
        Deferred<ProxyExchange> paused = new Deferred<>();
        proxy.observeExchanges(client -> client.setPauseListener(() -> {
            if (!paused.isCalled()) {
                paused.callback(client);
            }
        }));
        CompletableFuture<@Nullable Void> go = new CompletableFuture<>();
        Deferred<Fetched> fetched = reactor.deferToThread(() -> {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(64 * 1024); // before connecting: no window growth past this
                socket.connect(new InetSocketAddress("127.0.0.1", proxyPort));
                socket.setSoTimeout(60_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(ISO_8859_1));
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                go.get(60, TimeUnit.SECONDS);
                CRC32 crc = new CRC32();
                long length = 0;
                byte[] buffer = new byte[BLOCK];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    length += n;
                }
                return new Fetched(head, length, crc.getValue());
            }
        });
        ProxyExchange client = Coroutine.await(paused);
        long receivedWhenPaused = client.bytesReceived();
        go.complete(null);
        Fetched result = Coroutine.await(fetched);
        long expected = Coroutine.await(reactor.deferToThread(ReverseProxyIntegrationTest::expectedCrc));
        assertThat(result.head()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nConnection: close\r\n");
        assertThat(result.length()).isEqualTo(BIG);
        assertThat(result.crc()).isEqualTo(expected);
        // Paused once the kernel's socket buffers and the transport's queue were full: the proxy's send buffer
        // (at most the kernel's limit), the client's 64 KiB, the 64 KiB high-water mark and a read; never the 32 MiB.
        long bound = sendBufferLimit() + (2 << 20);
        assertThat(receivedWhenPaused).isLessThan(bound);
        assertThat(client.pauses()).isPositive();
    }

    /** The most a TCP send buffer grows to on Linux, else a guess of 4 MiB. */
    private static long sendBufferLimit() throws IOException {
        return bufferLimit("tcp_wmem");
    }

    /** The most a TCP receive buffer grows to on Linux, else a guess of 4 MiB. */
    private static long receiveBufferLimit() throws IOException {
        return bufferLimit("tcp_rmem");
    }

    private static long bufferLimit(String name) throws IOException {
        Path wmem = Path.of("/proc/sys/net/ipv4/" + name);
        if (!Files.isReadable(wmem)) {
            return 4 << 20;
        }
        String text;
        try (InputStream in = Files.newInputStream(wmem)) { // Files.readString trusts /proc's size of 0
            text = new String(in.readAllBytes(), ISO_8859_1);
        }
        String[] fields = text.strip().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(ISO_8859_1);
    }

    @Test
    void aLargeUploadStreamsIntactWhileASlowServerPausesTheClient() throws Exception {
        Deferred<StreamedRequestBody> paused = new Deferred<>();
        proxy.observeExchanges(exchange -> {
            StreamedRequestBody body = exchange.requestBody();
            assertThat(body).isNotNull();
            body.setPauseListener(() -> {
                if (sink.holding.isCalled() && !paused.isCalled()) {
                    paused.callback(body);
                }
            });
            sink.holding.addCallback(request -> {
                if (body.pausingClient() && !paused.isCalled()) {
                    paused.callback(body);
                }
                return request;
            });
        });
        Deferred<String> answer = reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", proxyPort)) {
                socket.setSoTimeout(60_000);
                var out = socket.getOutputStream();
                out.write(("POST /p/sink HTTP/1.1\r\nHost: h\r\nContent-Length: " + UPLOAD
                        + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
                for (long i = 0; i < UPLOAD / BLOCK; i++) {
                    out.write(block(i));
                }
                return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
            }
        });
        StreamedRequestBody body = Coroutine.await(paused);
        long receivedWhenPaused = body.received();
        Request backendRequest = Coroutine.await(sink.holding);
        backendRequest.resumeBody();
        String text = Coroutine.await(answer);
        long expected = Coroutine.await(reactor.deferToThread(() -> crcOf(UPLOAD)));
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nlength=" + UPLOAD + " crc=" + expected);
        // Paused once the proxy's send buffer, the server's receive buffer and the transport's queue were full
        // (the kernel's limits, 2 MiB for the rest); never the whole upload.
        long bound = sendBufferLimit() + receiveBufferLimit() + (2 << 20);
        assertThat(receivedWhenPaused).isLessThan(Math.min(bound, UPLOAD / 2));
    }

    @Test
    void aRefusedConnectionIs502() throws Exception {
        LoopbackSite closed = LoopbackSite.listen(reactor, new Resource());
        int deadPort = closed.port();
        closed.stop();
        Resource root = new Resource();
        root.putChild("dead", new ReverseProxyResource("127.0.0.1", deadPort, "", reactor));
        LoopbackSite server = listen(root);
        Run run = server.curl("-i", server.url("/dead/x"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("<h1>Bad Gateway</h1>")
                .contains("Could not connect");
    }

    @Test
    void theClientGoingAwayClosesTheServerConnection() throws Exception {
        String received = Coroutine.await(reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", proxyPort)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("GET /p/held HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
                return readUntil(socket.getInputStream(), "partial");
            }
        }));
        assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").endsWith("partial");
        Request backendRequest = Coroutine.await(held.gone);
        assertThat(backendRequest.isFinished()).isFalse();
    }

    @Test
    void theServerBreakingOffAbortsTheClientConnection() throws Exception {
        CompletableFuture<@Nullable Void> sawPartial = new CompletableFuture<>();
        Deferred<String> received = reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", proxyPort)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("GET /p/held HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
                InputStream in = socket.getInputStream();
                StringBuilder text = new StringBuilder(readUntil(in, "partial"));
                sawPartial.complete(null);
                try {
                    for (int b; (b = in.read()) >= 0; ) {
                        text.append((char) b);
                    }
                } catch (IOException reset) {
                    text.append("[reset]");
                }
                return text.toString();
            }
        });
        Coroutine.await(reactor.deferToThread(() -> sawPartial.get(20, TimeUnit.SECONDS)));
        held.requests.get(0).abortConnection();
        String text = Coroutine.await(received);
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nTransfer-Encoding: chunked\r\n")
                .contains("partial").doesNotContain("\r\n0\r\n\r\n");
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
