package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.web.client.Outcomes.failure;
import static org.twisted4j.web.client.Outcomes.result;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

class ContentDecoderAgentTest {

    private static final URI URI_A = URI.create("http://a.example/");

    static byte[] text(int size) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder();
        String[] words = {"twisted ", "reactor ", "deferred ", "agent ", "gzip ", "\n"};
        while (out.length() < size) {
            out.append(words[random.nextInt(words.length)]).append(random.nextInt(1000));
        }
        return out.substring(0, size).getBytes(UTF_8);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A gzip member with every optional header field (FEXTRA, FNAME, FCOMMENT, FHCRC). */
    static byte[] gzipWithAllHeaderFields(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        out.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        out.writeBytes("name.txt\0".getBytes(UTF_8));
        out.writeBytes("a comment\0".getBytes(UTF_8));
        out.writeBytes(new byte[] {0x12, 0x34});
        out.writeBytes(deflate(data, true));
        CRC32 crc = new CRC32();
        crc.update(data);
        writeLe(out, crc.getValue());
        writeLe(out, data.length);
        return out.toByteArray();
    }

    private static void writeLe(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >> (8 * i)) & 0xff);
        }
    }

    /** Decodes {@code pieces} through a fresh decoder, as the response would. */
    static byte[] decode(ContentDecoder decoder, List<byte[]> pieces) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentDecoder.Sink sink = b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.writeBytes(copy);
        };
        for (byte[] piece : pieces) {
            decoder.decode(ByteBuffer.wrap(piece), sink);
        }
        decoder.finish(sink);
        return out.toByteArray();
    }

    @Test
    void gzipDecodesTheSameWhereverTheBodyIsSplit() throws Exception {
        byte[] data = text(3000);
        for (byte[] encoded : List.of(gzip(data), gzipWithAllHeaderFields(data))) {
            for (int cut = 0; cut <= encoded.length; cut++) {
                assertThat(decode(ContentDecoders.gzip(), FakeResponse.split(encoded, cut))).as("cut at %d", cut)
                        .isEqualTo(data);
            }
            for (int a = 0; a < 40; a++) {
                for (int b = a; b < encoded.length; b += 97) {
                    assertThat(decode(ContentDecoders.gzip(), FakeResponse.split(encoded, a, b))).isEqualTo(data);
                }
            }
            assertThat(decode(ContentDecoders.gzip(), bytewise(encoded))).isEqualTo(data);
        }
    }

    @Test
    void gzipDecodesLargeBodiesInBoundedPieces() throws Exception {
        byte[] data = text(1_000_000);
        byte[] encoded = gzip(data);
        List<Integer> sizes = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentDecoder decoder = ContentDecoders.gzip();
        ContentDecoder.Sink sink = b -> {
            sizes.add(b.remaining());
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.writeBytes(copy);
        };
        for (byte[] piece : chunks(encoded, 8192)) {
            decoder.decode(ByteBuffer.wrap(piece), sink);
        }
        decoder.finish(sink);

        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(sizes).allMatch(n -> n <= ContentDecoders.OUTPUT_PIECE);
    }

    @Test
    void gzipDecodesConcatenatedMembersAndIgnoresTrailingGarbage() throws Exception {
        byte[] one = "first ".getBytes(UTF_8);
        byte[] two = "second".getBytes(UTF_8);
        byte[] both = concat(gzip(one), gzipWithAllHeaderFields(two), new byte[] {0, 0, 0, 0});
        for (int cut = 0; cut <= both.length; cut++) {
            assertThat(decode(ContentDecoders.gzip(), FakeResponse.split(both, cut))).asString(UTF_8)
                    .isEqualTo("first second");
        }
    }

    @Test
    void deflateDecodesZlibWrappedAndRawStreamsWhereverSplit() throws Exception {
        byte[] data = text(2000);
        for (boolean raw : new boolean[] {false, true}) {
            byte[] encoded = deflate(data, raw);
            for (int cut = 0; cut <= encoded.length; cut++) {
                assertThat(decode(ContentDecoders.deflate(), FakeResponse.split(encoded, cut)))
                        .as("raw %s cut at %d", raw, cut).isEqualTo(data);
            }
            assertThat(decode(ContentDecoders.deflate(), bytewise(encoded))).isEqualTo(data);
        }
    }

    @Test
    void emptyBodiesDecodeToNothing() throws Exception {
        assertThat(decode(ContentDecoders.gzip(), List.of())).isEmpty();
        assertThat(decode(ContentDecoders.deflate(), List.of(new byte[0]))).isEmpty();
    }

    @Test
    void brokenDataIsAnError() throws Exception {
        byte[] data = text(500);
        byte[] badCrc = gzip(data);
        badCrc[badCrc.length - 6] ^= 1;
        byte[] badLength = gzip(data);
        badLength[badLength.length - 2] ^= 1;
        byte[] badData = gzip(data);
        badData[20] ^= (byte) 0xff;
        byte[] notGzip = "plain text".getBytes(UTF_8);
        for (byte[] broken : List.of(badCrc, badLength, notGzip)) {
            assertThat(catchDecode(ContentDecoders.gzip(), broken)).isInstanceOf(ZipException.class);
        }
        assertThat(catchDecode(ContentDecoders.gzip(), badData)).isInstanceOf(java.io.IOException.class);
        assertThat(catchDecode(ContentDecoders.deflate(), notGzip)).isInstanceOf(ZipException.class);
    }

    @Test
    void truncatedDataIsAnError() throws Exception {
        byte[] gz = gzip(text(500));
        byte[] df = deflate(text(500), false);
        for (int keep : new int[] {1, 5, 11, gz.length / 2, gz.length - 1}) {
            assertThat(catchDecode(ContentDecoders.gzip(), Arrays.copyOf(gz, keep))).as("keep %d", keep)
                    .isInstanceOf(EOFException.class);
        }
        for (int keep : new int[] {1, df.length / 2, df.length - 1}) {
            assertThat(catchDecode(ContentDecoders.deflate(), Arrays.copyOf(df, keep))).as("keep %d", keep)
                    .isInstanceOf(EOFException.class);
        }
    }

    private static Throwable catchDecode(ContentDecoder decoder, byte[] data) {
        try {
            decode(decoder, List.of(data));
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("decoded without error");
    }

    @Test
    void agentAsksForItsCodingsWithoutChangingTheCallersHeaders() {
        FakeAgent inner = FakeAgent.answering(sent -> FakeResponse.of(200, sent.uri.toString()));
        Headers mine = new Headers();
        mine.add("X-Mine", "1");
        result(new ContentDecoderAgent(inner, ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, mine, null));
        result(new ContentDecoderAgent(inner, ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));
        Headers identity = new Headers();
        identity.add("Accept-Encoding", "identity");
        result(new ContentDecoderAgent(inner, ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, identity, null));

        assertThat(inner.sent.get(0).header("Accept-Encoding")).isEqualTo("gzip,deflate");
        assertThat(inner.sent.get(0).header("X-Mine")).isEqualTo("1");
        assertThat(mine.contains("Accept-Encoding")).isFalse();
        assertThat(inner.sent.get(1).header("Accept-Encoding")).isEqualTo("gzip,deflate");
        assertThat(inner.sent.get(2).headers.getAll("Accept-Encoding")).containsExactly("identity");
    }

    @Test
    void decodedResponseLosesContentEncodingAndLength() throws Exception {
        byte[] data = text(5000);
        byte[] encoded = gzip(data);
        FakeResponse raw = FakeResponse.of(200, "http://a.example/", FakeResponse.split(encoded, 7, 100)
                .toArray(byte[][]::new)).header("Content-Encoding", "gzip")
                .header("Content-Length", String.valueOf(encoded.length)).header("Content-Type", "text/plain");
        Response response = result(new ContentDecoderAgent(FakeAgent.answering(s -> raw),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));

        assertThat(response.headers().contains("Content-Encoding")).isFalse();
        assertThat(response.headers().contains("Content-Length")).isFalse();
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/plain");
        assertThat(response.length()).isEqualTo(Response.UNKNOWN_LENGTH);
        assertThat(raw.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(result(response.readBody())).isEqualTo(data);
    }

    @Test
    void codingsAreUndoneFromTheLastWhileKnown() throws Exception {
        byte[] data = text(300);
        byte[] twice = gzip(deflate(data, false));
        FakeResponse raw = FakeResponse.of(200, "http://a.example/", twice).header("Content-Encoding", "deflate")
                .header("content-encoding", " GZIP");
        Response both = result(new ContentDecoderAgent(FakeAgent.answering(s -> raw),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));
        assertThat(result(both.readBody())).isEqualTo(data);
        assertThat(both.headers().contains("Content-Encoding")).isFalse();

        FakeResponse partly = FakeResponse.of(200, "http://a.example/", gzip(data)).header("Content-Encoding", "br, gzip");
        Response half = result(new ContentDecoderAgent(FakeAgent.answering(s -> partly),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));
        assertThat(half.headers().getAll("Content-Encoding")).containsExactly("br");
        assertThat(result(half.readBody())).isEqualTo(data);

        FakeResponse unknownLast = FakeResponse.of(200, "http://a.example/").header("Content-Encoding", "gzip, br");
        Response untouched = result(new ContentDecoderAgent(FakeAgent.answering(s -> unknownLast),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));
        assertThat(untouched).isSameAs(unknownLast);
    }

    @Test
    void brokenBodyFailsTheReceiverOnceAndTellsTheConnection() throws Exception {
        FakeResponse raw = FakeResponse.streaming(200, "http://a.example/").header("Content-Encoding", "gzip");
        Response response = result(new ContentDecoderAgent(FakeAgent.answering(s -> raw),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));
        Recorder recorder = new Recorder();
        response.deliverBody(recorder);

        Throwable thrown = null;
        try {
            raw.feed("not gzip at all".getBytes(UTF_8));
        } catch (ZipException e) {
            thrown = e;
        }
        raw.fail(new java.io.IOException("connection closed"));

        assertThat(thrown).isInstanceOf(ZipException.class);
        assertThat(recorder.failures).hasSize(1);
        assertThat(recorder.failures.get(0).value()).isSameAs(thrown);
        assertThat(recorder.finished).isFalse();
    }

    @Test
    void truncatedBodyFailsAtItsEnd() throws Exception {
        byte[] encoded = gzip(text(1000));
        FakeResponse raw = FakeResponse.of(200, "http://a.example/", Arrays.copyOf(encoded, encoded.length - 3))
                .header("Content-Encoding", "gzip");
        Response response = result(new ContentDecoderAgent(FakeAgent.answering(s -> raw),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));

        assertThat(failure(response.readBody())).isInstanceOf(EOFException.class);
    }

    @Test
    void decodedSizeLimitFailsTheBody() throws Exception {
        byte[] bomb = gzip(new byte[1_000_000]);
        FakeResponse raw = FakeResponse.of(200, "http://a.example/", bomb).header("Content-Encoding", "gzip");
        Response response = result(new ContentDecoderAgent(FakeAgent.answering(s -> raw),
                ContentDecoderAgent.GZIP_AND_DEFLATE, 100_000).request("GET", URI_A, null, null));

        assertThat(failure(response.readBody())).isInstanceOf(DecodedBodyTooLarge.class);

        FakeResponse small = FakeResponse.of(200, "http://a.example/", gzip(new byte[100_000]))
                .header("Content-Encoding", "gzip");
        Response fits = result(new ContentDecoderAgent(FakeAgent.answering(s -> small),
                Map.of("GZIP", ContentDecoders.gzipFactory()), 100_000).request("GET", URI_A, null, null));
        assertThat(result(fits.readBody())).hasSize(100_000);
    }

    @Test
    void pausingTheDecodedBodyPausesTheConnection() {
        FakeResponse raw = FakeResponse.streaming(200, "http://a.example/").header("Content-Encoding", "deflate");
        Response response = result(new ContentDecoderAgent(FakeAgent.answering(s -> raw),
                ContentDecoderAgent.GZIP_AND_DEFLATE).request("GET", URI_A, null, null));
        response.pauseBody();
        response.resumeBody();

        assertThat(raw.pauses).isEqualTo(1);
        assertThat(raw.resumes).isEqualTo(1);
    }

    private static List<byte[]> bytewise(byte[] data) {
        return chunks(data, 1);
    }

    private static List<byte[]> chunks(byte[] data, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < data.length; i += size) {
            out.add(Arrays.copyOfRange(data, i, Math.min(data.length, i + size)));
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Records what a body receiver is told. */
    static final class Recorder implements BodyReceiver {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Failure> failures = new ArrayList<>();
        boolean finished;

        @Override
        public void dataReceived(ByteBuffer piece) {
            byte[] copy = new byte[piece.remaining()];
            piece.get(copy);
            bytes.writeBytes(copy);
        }

        @Override
        public void bodyFinished() {
            finished = true;
        }

        @Override
        public void bodyFailed(Failure reason) {
            failures.add(reason);
        }
    }
}
