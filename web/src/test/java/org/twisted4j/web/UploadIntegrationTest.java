package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/** Uploads from curl on the real reactor: streamed to a receiver, spooled to a file, refused up front. */
@ExtendWith(TrialExtension.class)
class UploadIntegrationTest {

    private static final int QUOTA = 1 << 20;

    /**
     * Streams a PUT body through a CRC, pausing the body after every piece and resuming it on the next
     * reactor turn; refuses bodies above {@link #QUOTA} declared up front.
     */
    static final class Checksum extends Resource implements StreamingResource {
        private final NioReactor reactor;
        long pauses;

        Checksum(NioReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public @Nullable BodyReceiver bodyReceiver(Request request) {
            String length = request.getHeader("Content-Length");
            if (length != null && Long.parseLong(length) > QUOTA) {
                request.setResponseCode(413);
                request.setHeader("Content-Type", "text/plain");
                request.write("over quota\n".getBytes(UTF_8));
                request.finish();
                return null;
            }
            CRC32 crc = new CRC32();
            long[] count = new long[1];
            return new BodyReceiver() {
                @Override
                public void dataReceived(ByteBuffer piece) {
                    count[0] += piece.remaining();
                    crc.update(piece);
                    request.pauseBody();
                    pauses++;
                    reactor.callLater(0, request::resumeBody);
                }

                @Override
                public void bodyFinished() {
                    request.setHeader("X-Body", count[0] + " " + Long.toHexString(crc.getValue()));
                }

                @Override
                public void bodyFailed(Failure reason) {
                }
            };
        }

        @Override
        protected byte[] renderPUT(Request request) {
            return (request.getResponseHeaders().get("X-Body") + "\n").getBytes(UTF_8);
        }
    }

    /** Answers the length and CRC of a POST body read back through getContent(). */
    static final class Digest extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderPOST(Request request) throws IOException {
            CRC32 crc = new CRC32();
            long n = 0;
            try (InputStream in = request.getContent()) {
                byte[] buffer = new byte[8192];
                for (int r; (r = in.read(buffer)) > 0; n += r) {
                    crc.update(buffer, 0, r);
                }
            }
            return (n + " " + Long.toHexString(crc.getValue()) + "\n").getBytes(UTF_8);
        }
    }

    private LoopbackSite server;
    private Checksum checksum;

    @BeforeEach
    void listen(NioReactor reactor) {
        checksum = new Checksum(reactor);
        Resource root = new Resource();
        root.putChild("upload", checksum);
        root.putChild("digest", new Digest());
        Site site = new Site(root, reactor);
        site.setMaxBodyBytes(256L << 20);
        server = LoopbackSite.listen(reactor, site);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static String fill(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        CRC32 crc = new CRC32();
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                int n = (int) Math.min(left, block.length);
                crc.update(block, 0, n);
                out.write(block, 0, n);
            }
        }
        return bytes + " " + Long.toHexString(crc.getValue());
    }

    @Test
    void aChunkedUploadLargerThanTheMemoryLimitStreamsThroughAPausingReceiver(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.bin");
        String expected = fill(file, 64L << 20);
        Run run = server.curl("-T", file.toString(), "-H", "Transfer-Encoding: chunked", server.url("/upload"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(expected + "\n");
        assertThat(checksum.pauses).isGreaterThan(100);
    }

    @Test
    void aBodyOverTheQuotaIsRefusedBeforeCurlSendsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.bin");
        fill(file, 4L << 20);
        Run run = server.curl("-v", "-T", file.toString(), "-H", "Expect: 100-continue",
                "--expect100-timeout", "15", server.url("/upload"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("over quota\n");
        assertThat(run.stderr()).contains("< HTTP/1.1 413 ").doesNotContain("100 Continue")
                .contains("< Connection: close");
    }

    @Test
    void aBodyPastTheMemoryThresholdIsSpooledAndReadBackWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("form.bin");
        String expected = fill(file, 3L << 20);
        Run run = server.curl("--data-binary", "@" + file, "-H", "Content-Type: application/octet-stream",
                server.url("/digest"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(expected + "\n");
    }
}
