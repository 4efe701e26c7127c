package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/** Gzipped responses on the real reactor, read by curl and by a raw socket. */
@ExtendWith(TrialExtension.class)
class EncodingIntegrationTest {

    private static final String TEXT = "a line of text that compresses well\n".repeat(200);

    private NioReactor reactor;
    private LoopbackSite server;
    private final SiteIntegrationTest.Held held = new SiteIntegrationTest.Held();

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        List<GzipEncoderFactory> gzip = List.of(new GzipEncoderFactory());
        Resource root = new Resource();
        root.putChild("text", new EncodingResourceWrapper(Served.text(TEXT), gzip));
        root.putChild("stream", new EncodingResourceWrapper(held, gzip));
        server = LoopbackSite.listen(reactor, root);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void curlCompressedAsksForGzipAndDecodesTheBody() throws Exception {
        Run run = server.curl("--compressed", "-i", server.url("/text"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String head = EncodingTest.head(run.stdout());
        assertThat(head).containsIgnoringCase("\r\nContent-Encoding: gzip\r\n")
                .containsIgnoringCase("\r\nVary: Accept-Encoding\r\n");
        assertThat(run.stdout().substring(head.length())).isEqualTo(TEXT);

        Run plain = server.curl("-i", server.url("/text"));
        assertThat(plain.stdout()).doesNotContainIgnoringCase("Content-Encoding")
                .contains("\r\nContent-Length: " + TEXT.length() + "\r\n").endsWith("\r\n\r\n" + TEXT);
    }

    @Test
    void aRawSocketGetsGzipBytesThatGzipInputStreamDecodes() throws Exception {
        String response = server.raw(
                "GET /text HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
        byte[] body = EncodingTest.body(response);
        assertThat(EncodingTest.head(response)).contains("\r\nContent-Encoding: gzip\r\n",
                "\r\nContent-Length: " + body.length + "\r\n");
        assertThat(body.length).isLessThan(TEXT.length() / 10);
        assertThat(EncodingTest.gunzip(body)).isEqualTo(TEXT);
    }

    @Test
    void aStreamedResponsesFirstPieceDecodesBeforeTheSecondIsWritten() throws Exception {
        Deferred<String> firstDecoded = new Deferred<>();
        Deferred<String> rest = reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(
                        "GET /stream HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\n\r\n".getBytes(ISO_8859_1));
                InputStream in = new BufferedInputStream(socket.getInputStream());
                String head = readHead(in);
                if (!head.contains("\r\nContent-Encoding: gzip\r\n") || !head.contains("chunked")) {
                    return "unexpected head: " + head;
                }
                GZIPInputStream gunzip = new GZIPInputStream(new Dechunking(in));
                String first = new String(gunzip.readNBytes("first|".length()), ISO_8859_1);
                reactor.callFromThread(() -> firstDecoded.callback(first));
                return new String(gunzip.readAllBytes(), ISO_8859_1);
            }
        });
        Request request = Coroutine.await(held.arrived);
        request.write("first|".getBytes(ISO_8859_1));
        assertThat(Coroutine.await(firstDecoded)).isEqualTo("first|");
        request.write("second".getBytes(ISO_8859_1));
        request.finish();
        assertThat(Coroutine.await(rest)).isEqualTo("second");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(ISO_8859_1);
    }

    /** The data of a chunked body, read as it arrives; ends at the last chunk. */
    static final class Dechunking extends InputStream {
        private final InputStream in;
        private int left;
        private boolean ended;

        Dechunking(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0 && !ended) {
                int size = Integer.parseInt(line(), 16);
                if (size == 0) {
                    line();
                    ended = true;
                }
                left = size;
            }
            if (ended) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) {
                throw new IOException("the body ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line();
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the body ended inside a chunk line");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
