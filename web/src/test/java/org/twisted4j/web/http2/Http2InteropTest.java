package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.HttpPeers.Run;

/** An h2c (prior knowledge) server on loopback, fetched by curl and nghttp. */
@ExtendWith(TrialExtension.class)
class Http2InteropTest {
    static final int BIG = 300_000;

    /** Answers "hello " + the path; /big with BIG octets; a request body is counted and the count answered. */
    static final class Hello implements Http2StreamHandler {
        private final Http2Stream stream;
        private long bodyOctets;

        Hello(Http2Stream stream) {
            this.stream = stream;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            bodyOctets += data.remaining();
            stream.consumed(data.remaining());
        }

        @Override
        public void endOfStream() {
            String path = stream.requestHeaders().stream().filter(f -> f.name().equals(":path")).findFirst()
                    .orElseThrow().value();
            stream.sendHeaders(List.of(new HeaderField(":status", "200"),
                    new HeaderField("content-type", "text/plain")), false);
            if (path.equals("/big")) {
                byte[] body = new byte[BIG];
                Arrays.fill(body, (byte) 'x');
                stream.sendData(ByteBuffer.wrap(body), true);
            } else {
                String text = "hello " + path + (bodyOctets > 0 ? " body=" + bodyOctets : "") + "\n";
                stream.sendData(ByteBuffer.wrap(text.getBytes(ISO_8859_1)), true);
            }
        }
    }

    private NioReactor reactor;
    private ListeningPort port;
    private String base;

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        Factory factory = Factory.forProtocol(() -> Http2Connection.server(reactor, Hello::new));
        port = reactor.listenTCP(0, factory, 50, "127.0.0.1");
        base = "http://127.0.0.1:" + ((IPv4Address) port.getHost()).port();
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(port.stopListening());
    }

    Run run(Peer tool, String... arguments) throws Exception {
        return HttpPeers.run(reactor, tool, arguments);
    }

    @Test
    void curlFetchesWithPriorKnowledge() throws Exception {
        Run run = run(Peer.CURL, "-sS", "--max-time", "20", "--http2-prior-knowledge", "-i", base + "/greeting");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/2 200").contains("content-type: text/plain")
                .endsWith("\r\n\r\nhello /greeting\n");
    }

    @Test
    void curlUploadsABodyLargerThanTheStreamWindow() throws Exception {
        Path body = Files.createTempFile("h2-upload", ".bin");
        try {
            Files.write(body, new byte[200_000]);
            Run run = run(Peer.CURL, "-sS", "--max-time", "20", "--http2-prior-knowledge", "--data-binary",
                    "@" + body, base + "/up");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo("hello /up body=200000\n");
        } finally {
            Files.delete(body);
        }
    }

    @Test
    void curlReceivesAResponseLargerThanTheInitialWindow() throws Exception {
        Run run = run(Peer.CURL, "-sS", "--max-time", "20", "--http2-prior-knowledge", base + "/big");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).hasSize(BIG).matches("x+");
    }

    @Test
    void nghttpRunsTenConcurrentStreams() throws Exception {
        Run run = run(Peer.NGHTTP, "-m", "10", base + "/many");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("hello /many\n".repeat(10));
    }

    @Test
    void nghttpFetchesSeveralPathsAndALargeResponseUnderItsDefaultWindow() throws Exception {
        // nghttp announces 65,535-octet windows for the connection and each stream: /big needs WINDOW_UPDATEs.
        Run run = run(Peer.NGHTTP, "-v", "-n", base + "/a", base + "/b", base + "/big");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("recv HEADERS frame <length=").contains(":status: 200")
                .contains("send WINDOW_UPDATE frame").doesNotContain("recv GOAWAY").doesNotContain("RST_STREAM");
        long dataOctets = run.stdout().lines().filter(line -> line.contains("recv DATA frame"))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".*<length=(\\d+),.*", "$1"))).sum();
        assertThat(dataOctets).isEqualTo(BIG + "hello /a\n".length() + "hello /b\n".length());
    }
}
