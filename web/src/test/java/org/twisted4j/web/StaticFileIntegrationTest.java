package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/** A {@link StaticFile} on the real reactor, driven by curl and by a raw socket. */
@ExtendWith(TrialExtension.class)
class StaticFileIntegrationTest {

    @TempDir
    Path dir;

    private NioReactor reactor;
    private ListeningPort port;
    private int portNumber;
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
        Site site = new Site(root, reactor);
        site.setIdleTimeout(0);
        site.setHeaderTimeout(0);
        port = reactor.listenTCP(0, site, 50, "127.0.0.1");
        portNumber = ((IPv4Address) port.getHost()).port();
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(port.stopListening());
    }

    @Test
    void aFileComesWithItsTypeLengthAndValidators() throws Exception {
        Run run = curl("-i", url("/files/hello.txt"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/plain\r\n")
                .contains("\r\nContent-Length: 25\r\n").contains("\r\nAccept-Ranges: bytes\r\n")
                .contains("\r\nETag: \"").contains("\r\nLast-Modified: ")
                .endsWith("\r\n\r\nhello world, from a file\n");
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        Run run = curl("-I", url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 25\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void aDirectoryWithAnIndexServesIt() throws Exception {
        Run run = curl("-i", url("/files/sub/"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Type: text/html")
                .endsWith("<p>sub index</p>\n");
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedToIt() throws Exception {
        Run run = curl("-i", url("/files/sub?x=1"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 302 Found\r\n").contains("\r\nLocation: /files/sub/?x=1\r\n");
        Run followed = curl("-L", url("/files/sub"));
        assertThat(followed.stdout()).isEqualTo("<p>sub index</p>\n");
    }

    @Test
    void aDirectoryWithoutAnIndexIsListed() throws Exception {
        Run run = curl("-i", url("/files/list/"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nContent-Type: text/html; charset=utf-8\r\n")
                .contains("href=\"a.txt\"").contains("href=\"b.css\"");
    }

    @Test
    void oneRangeIsA206WithContentRange() throws Exception {
        Run run = curl("-i", "-r", "0-9", url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 206 Partial Content\r\n")
                .contains("\r\nContent-Range: bytes 0-9/25\r\n").contains("\r\nContent-Length: 10\r\n")
                .endsWith("\r\n\r\nhello worl");
    }

    @Test
    void severalRangesAreAMultipartBody() throws Exception {
        Run run = curl("-i", "-r", "0-4,6-10", url("/files/hello.txt"));
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
        Run run = curl("-i", "-r", "100-200", url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 416 ").contains("\r\nContent-Range: bytes */25\r\n");
    }

    @Test
    void aMatchingEtagIs304() throws Exception {
        Matcher etag = Pattern.compile("\r\nETag: (\"[^\"]*\")\r\n").matcher(curl("-I", url("/files/hello.txt")).stdout());
        assertThat(etag.find()).isTrue();
        Run run = curl("-i", "-H", "If-None-Match: " + etag.group(1), url("/files/hello.txt"));
        assertThat(run.stdout()).startsWith("HTTP/1.1 304 Not Modified\r\n").endsWith("\r\n\r\n");
        Run failed = curl("-i", "-H", "If-Match: \"other\"", url("/files/hello.txt"));
        assertThat(failed.stdout()).startsWith("HTTP/1.1 412 ");
    }

    @Test
    void traversalAttemptsAre404AndNeverTheFileOutside() throws Exception {
        List<String> attempts = List.of("/files/../outside/secret.txt", "/files/%2e%2e/outside/secret.txt",
                "/files/..%2Foutside%2Fsecret.txt", "/files/%2e%2e%2Foutside%2Fsecret.txt",
                "/files/hello.txt%00", "/files/link/secret.txt", "/files/./hello.txt");
        for (String attempt : attempts) {
            String response = raw("GET " + attempt + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertThat(response).as(attempt).startsWith("HTTP/1.1 404 Not Found\r\n").doesNotContain("SECRET");
        }
        String nul = raw("GET /files/hello.txt\0 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assertThat(nul).matches("(?s)HTTP/1.1 (400|404) .*").doesNotContain("hello world");
    }

    @Test
    void aTenMegabyteFileArrivesByteForByte() throws Exception {
        byte[] data = new byte[10 << 20];
        new Random(42).nextBytes(data);
        Files.write(www.resolve("big.bin"), data);
        Path got = dir.resolve("got.bin");
        Run run = curl("-o", got.toString(), url("/files/big.bin"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllBytes(got)).isEqualTo(data);
    }

    @Test
    void aLargeFileTwiceOnOneKeptAliveConnectionArrivesByteForByte() throws Exception {
        byte[] data = new byte[48 << 20];
        new Random(43).nextBytes(data);
        Files.write(www.resolve("large.bin"), data);
        Path first = dir.resolve("first.bin");
        Path second = dir.resolve("second.bin");
        Run run = curl("-w", "%{num_connects} ", "-o", first.toString(), url("/files/large.bin"), "-o",
                second.toString(), url("/files/large.bin?again"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).as("connections opened per transfer").isEqualTo("1 0 ");
        assertThat(Files.readAllBytes(first)).isEqualTo(data);
        assertThat(Files.readAllBytes(second)).isEqualTo(data);
    }

    @Test
    void overTlsALargeFileComesFromTheChunkProducerByteForByte() throws Exception {
        byte[] data = new byte[12 << 20];
        new Random(44).nextBytes(data);
        Files.write(www.resolve("secure.bin"), data);
        Resource root = new Resource();
        root.putChild("files", new StaticFile(www));
        CertificateOptions options = CertificateOptions.builder()
                .certificate(CertificateBuilder.selfSigned("localhost").dnsNames("localhost").build()).build();
        ListeningPort tls = reactor.listenTCP(0, new TlsFactory(options, new Site(root, reactor), false), 50,
                "127.0.0.1");
        try {
            Path got = dir.resolve("secure-got.bin");
            Run run = curl("-k", "-o", got.toString(), "https://127.0.0.1:" + ((IPv4Address) tls.getHost()).port()
                    + "/files/secure.bin");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(Files.readAllBytes(got)).isEqualTo(data);
        } finally {
            Coroutine.await(tls.stopListening());
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + portNumber + path;
    }

    private Run curl(String... arguments) throws Exception {
        return HttpPeers.curl(reactor, arguments);
    }

    /** Sends the bytes on a fresh socket and reads until the server closes. */
    private String raw(String request) throws Exception {
        return HttpPeers.raw(reactor, portNumber, request);
    }
}
