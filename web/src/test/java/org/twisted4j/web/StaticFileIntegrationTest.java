package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/** A {@link StaticFile} on the real reactor, driven by curl and by a raw socket. */
@ExtendWith(TrialExtension.class)
class StaticFileIntegrationTest {

    @TempDir
    Path dir;

    private NioReactor reactor;
    private LoopbackSite server;
    private Path www;

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        this.reactor = reactor;
        www = Files.createDirectory(dir.resolve("www"));
        Files.createDirectory(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/secret.txt"), "SECRET\n");
        Files.writeString(www.resolve("hello.txt"), "hello world, from a file\n");
        Files.createDirectory(www.resolve("sub"));
        Files.writeString(www.resolve("sub/index.html"), "<p>sub index</p>\n");
        Files.createDirectory(www.resolve("list"));
        Files.writeString(www.resolve("list/a.txt"), "a\n");
        Files.writeString(www.resolve("list/b.css"), "b {}\n");
        Files.createSymbolicLink(www.resolve("link"), dir.resolve("outside"));
        Resource root = new Resource();
        root.putChild("files", new StaticFile(www));
        server = LoopbackSite.listen(reactor, root);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aFileComesWithItsTypeLengthAndValidators() throws Exception {
        Run run = server.curl("-i", server.url("/files/hello.txt"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/plain\r\n")
                .contains("\r\nContent-Length: 25\r\n").contains("\r\nAccept-Ranges: bytes\r\n")
                .contains("\r\nETag: \"").contains("\r\nLast-Modified: ")
                .endsWith("\r\n\r\nhello world, from a file\n");
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        Run run = server.curl("-I", server.url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 25\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void aDirectoryWithAnIndexServesIt() throws Exception {
        Run run = server.curl("-i", server.url("/files/sub/"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/html")
                .endsWith("<p>sub index</p>\n");
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedToIt() throws Exception {
        Run run = server.curl("-i", server.url("/files/sub?x=1"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 302 Found\r\n").contains("\r\nLocation: /files/sub/?x=1\r\n");
        Run followed = server.curl("-L", server.url("/files/sub"));
        assertThat(followed.stdout()).isEqualTo("<p>sub index</p>\n");
    }

    @Test
    void aDirectoryWithoutAnIndexIsListed() throws Exception {
        Run run = server.curl("-i", server.url("/files/list/"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nContent-Type: text/html; charset=utf-8\r\n")
                .contains("href=\"a.txt\"").contains("href=\"b.css\"");
    }

    @Test
    void oneRangeIsA206WithContentRange() throws Exception {
        Run run = server.curl("-i", "-r", "0-9", server.url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 206 Partial Content\r\n")
                .contains("\r\nContent-Range: bytes 0-9/25\r\n").contains("\r\nContent-Length: 10\r\n")
                .endsWith("\r\n\r\nhello worl");
    }

    @Test
    void severalRangesAreAMultipartBody() throws Exception {
        Run run = server.curl("-i", "-r", "0-4,6-10", server.url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 206 Partial Content\r\n")
                .contains("\r\nContent-Type: multipart/byteranges; boundary=")
                .contains("Content-Range: bytes 0-4/25\r\n\r\nhello\r\n--")
                .contains("Content-Range: bytes 6-10/25\r\n\r\nworld\r\n--");
        String body = run.stdout().substring(run.stdout().indexOf("\r\n\r\n") + 4);
        Matcher length = Pattern.compile("\r\nContent-Length: (\\d+)\r\n").matcher(run.stdout());
        assertThat(length.find()).isTrue();
        assertThat(body.getBytes(ISO_8859_1)).hasSize(Integer.parseInt(length.group(1)));
    }

    @Test
    void aRangePastTheEndIs416WithTheSize() throws Exception {
        Run run = server.curl("-i", "-r", "100-200", server.url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 416 ").contains("\r\nContent-Range: bytes */25\r\n");
    }

    @Test
    void aMatchingEtagIs304() throws Exception {
        Run head = server.curl("-I", server.url("/files/hello.txt"));
        Matcher etag = Pattern.compile("\r\nETag: (\"[^\"]*\")\r\n").matcher(head.stdout());
        assertThat(etag.find()).isTrue();
        Run run = server.curl("-i", "-H", "If-None-Match: " + etag.group(1), server.url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 304 Not Modified\r\n").endsWith("\r\n\r\n");
        Run failed = server.curl("-i", "-H", "If-Match: \"other\"", server.url("/files/hello.txt"));
        assertThat(failed.stdout()).startsWith("HTTP/1.1 412 ");
    }

    @Test
    void traversalAttemptsAre404AndNeverTheFileOutside() throws Exception {
        List<String> attempts = List.of("/files/../outside/secret.txt", "/files/%2e%2e/outside/secret.txt",
                "/files/..%2Foutside%2Fsecret.txt", "/files/%2e%2e%2Foutside%2Fsecret.txt",
                "/files/hello.txt%00", "/files/link/secret.txt", "/files/./hello.txt");
        for (String attempt : attempts) {
            String response = server.raw("GET " + attempt + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertThat(response).as(attempt).startsWith("HTTP/1.1 404 Not Found\r\n").doesNotContain("SECRET");
        }
        String nul = server.raw("GET /files/hello.txt\0 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assertThat(nul).matches("(?s)HTTP/1.1 (400|404) .*").doesNotContain("hello world");
    }

    @Test
    void aTenMegabyteFileArrivesByteForByte() throws Exception {
        byte[] data = randomFile("big.bin", 10 << 20, 42);
        Path got = dir.resolve("got.bin");
        Run run = server.curl("-o", got.toString(), server.url("/files/big.bin"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllBytes(got)).isEqualTo(data);
    }

    @Test
    void aLargeFileTwiceOnOneKeptAliveConnectionArrivesByteForByte() throws Exception {
        byte[] data = randomFile("large.bin", 48 << 20, 43);
        Path first = dir.resolve("first.bin");
        Path second = dir.resolve("second.bin");
        Run run = server.curl("-w", "%{num_connects} ", "-o", first.toString(), server.url("/files/large.bin"), "-o",
                second.toString(), server.url("/files/large.bin?again"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).as("connections opened per transfer").isEqualTo("1 0 ");
        assertThat(Files.readAllBytes(first)).isEqualTo(data);
        assertThat(Files.readAllBytes(second)).isEqualTo(data);
    }

    @Test
    void overTlsALargeFileComesFromTheChunkProducerByteForByte() throws Exception {
        byte[] data = randomFile("secure.bin", 12 << 20, 44);
        Resource root = new Resource();
        root.putChild("files", new StaticFile(www));
        LoopbackSite tls = LoopbackSite.listenTls(reactor, new Site(root, reactor));
        try {
            Path got = dir.resolve("secure-got.bin");
            Run run = tls.curl("-k", "-o", got.toString(), tls.url("/files/secure.bin"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(Files.readAllBytes(got)).isEqualTo(data);
        } finally {
            tls.stop();
        }
    }

    @Test
    void overTlsAClientThatSendsCloseNotifyMidFileIsLetGo() throws Exception {
        Files.write(www.resolve("large.bin"), new byte[16 << 20]);
        StaticFile files = new StaticFile(www);
        List<Deferred<String>> outcomes = new ArrayList<>();
        Resource root = new Resource() {
            @Override
            public Resource getChildWithDefault(String path, Request request) {
                outcomes.add(request.notifyFinish().addBoth(result -> result instanceof Failure failure
                        ? "lost: " + failure.value().getClass().getSimpleName() : "finished"));
                return files;
            }
        };
        LoopbackSite tls = LoopbackSite.listenTls(reactor, new Site(root, reactor));
        try {
            for (int i = 0; i < 8; i++) {
                long read = Coroutine.await(reactor.deferToThread(() -> readPartlyThenCloseNotify(tls.port(),
                        "/files/large.bin", 100 * 1024)));
                assertThat(read).isGreaterThanOrEqualTo(100 * 1024);
            }
            assertThat(outcomes).hasSize(8);
            for (Deferred<String> outcome : outcomes) {
                assertThat(Coroutine.await(outcome.addTimeout(30, reactor))).startsWith("lost: ");
            }
        } finally {
            tls.stop();
        }
    }

    @Test
    void overTlsAClientThatSendsCloseNotifyMidFileAndStopsReadingIsLetGo() throws Exception {
        Files.write(www.resolve("large.bin"), new byte[16 << 20]);
        StaticFile files = new StaticFile(www);
        Deferred<String> outcome = new Deferred<>();
        Resource root = new Resource() {
            @Override
            public Resource getChildWithDefault(String path, Request request) {
                request.notifyFinish().addBoth(result -> {
                    outcome.callback(result instanceof Failure failure
                            ? "lost: " + failure.value().getClass().getSimpleName() : "finished");
                    return null;
                });
                return files;
            }
        };
        LoopbackSite tls = LoopbackSite.listenTls(reactor, new Site(root, reactor));
        CountDownLatch serverDone = new CountDownLatch(1);
        try {
            Deferred<Long> client = reactor.deferToThread(() -> {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustingAnyone()}, null);
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                    socket.setReceiveBufferSize(16 * 1024);
                    socket.connect(new InetSocketAddress("127.0.0.1", tls.port()));
                    long read = sendAndRead(socket, "/files/large.bin", 100 * 1024);
                    socket.shutdownOutput(); // close_notify and end of stream, then read no more
                    serverDone.await(60, TimeUnit.SECONDS);
                    return read;
                }
            });
            assertThat(Coroutine.await(outcome.addTimeout(30, reactor))).startsWith("lost: ");
            serverDone.countDown();
            assertThat(Coroutine.await(client)).isGreaterThanOrEqualTo(100 * 1024);
        } finally {
            serverDone.countDown();
            tls.stop();
        }
    }

    /**
     * GETs {@code path} over TLS, trusting any certificate, reads at least {@code enough} bytes of the answer,
     * then closes the socket, which sends close_notify; returns how many bytes it read.
     */
    private static long readPartlyThenCloseNotify(int port, String path, int enough) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnyone()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            return sendAndRead(socket, path, enough);
        }
    }

    /** GETs {@code path} on {@code socket} and reads at least {@code enough} bytes of the answer. */
    private static long sendAndRead(SSLSocket socket, String path, int enough) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        while (read < enough) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    /** Trusts the test's self-signed certificate, and any other. */
    private static final class TrustingAnyone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * Writes {@code size} bytes from a random generator seeded with {@code seed} to {@code name} in the served
     * directory, and returns them.
     */
    private byte[] randomFile(String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.write(www.resolve(name), data);
        return data;
    }
}
