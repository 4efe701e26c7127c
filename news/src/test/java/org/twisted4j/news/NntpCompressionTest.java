package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** COMPRESS DEFLATE (RFC 8054) on the server, byte for byte on a StringTransport, and the layer alone. */
class NntpCompressionTest {

    MemoryNewsStorage storage;
    NntpServerFactory factory;
    StringTransport transport;
    NntpServer server;
    /** The client's side of the compressed streams. */
    DeflateLayer peer;

    @BeforeEach
    void setUp() {
        Clock clock = new Clock();
        clock.advance(NntpServerTest.NOW);
        storage = new MemoryNewsStorage(WallClock.of(clock)).addGroup("local.test", PostingStatus.ALLOWED, "Tests", null);
        factory = new NntpServerFactory(storage, clock).setWallClock(WallClock.of(clock)).setServerName("news.example.com");
        transport = new StringTransport();
        server = (NntpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        peer = new DeflateLayer(DeflateLayer.DEFAULT_MAX_INFLATED);
    }

    String plain(String text) {
        transport.clear();
        server.dataReceived(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
        return transport.valueAsString(ISO_8859_1);
    }

    /** Sends {@code text} compressed and inflates what the server answers. */
    String compressed(String text) throws DataFormatException {
        transport.clear();
        server.dataReceived(peer.deflate(List.of(ByteBuffer.wrap(text.getBytes(ISO_8859_1)))));
        return new String(bytes(peer.inflate(ByteBuffer.wrap(transport.value()))), ISO_8859_1);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void compressDeflateTurnsBothDirectionsToDeflateAndIsOfferedOnce() throws Exception {
        assertThat(plain("CAPABILITIES\r\n")).contains("\r\nCOMPRESS DEFLATE\r\n");
        assertThat(plain("COMPRESS GZIP\r\n")).isEqualTo("503 Compression algorithm not supported\r\n");
        assertThat(plain("COMPRESS\r\n")).startsWith("501 ");
        assertThat(plain("COMPRESS deflate\r\n")).isEqualTo("206 Compression active\r\n");

        assertThat(compressed("DATE\r\n")).isEqualTo("111 20261207120000\r\n");
        assertThat(compressed("CAPABILITIES\r\n")).startsWith("101 ").doesNotContain("COMPRESS").endsWith("\r\n.\r\n");
        assertThat(compressed("COMPRESS DEFLATE\r\n")).isEqualTo("502 Compression already active\r\n");
        assertThat(compressed("POST\r\n")).isEqualTo("340 Send article to be posted\r\n");
        assertThat(compressed(NntpServerTest.HELLO + ".\r\n")).isEqualTo("240 Article received OK\r\n");
        // A command split across two compressed writes, and an answer with a block.
        transport.clear();
        server.dataReceived(peer.deflate(List.of(ByteBuffer.wrap("ARTICLE <hello@exa".getBytes(ISO_8859_1)))));
        assertThat(transport.value()).as("nothing answered to half a command").hasSizeLessThan(8);
        assertThat(new String(bytes(peer.inflate(ByteBuffer.wrap(transport.value()))), ISO_8859_1)).isEmpty();
        assertThat(compressed("mple.com>\r\n")).startsWith("220 0 <hello@example.com>\r\n")
                .contains("\r\n..dotted line\r\n").endsWith("\r\n.\r\n");
        assertThat(compressed("QUIT\r\n")).isEqualTo("205 Connection closing\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void compressIsNotOfferedWhenTurnedOff() {
        factory.setCompressionAllowed(false);
        setUpAgain();
        assertThat(plain("CAPABILITIES\r\n")).doesNotContain("COMPRESS");
        assertThat(plain("COMPRESS DEFLATE\r\n")).isEqualTo("502 Compression not available\r\n");
    }

    private void setUpAgain() {
        transport = new StringTransport();
        server = (NntpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        peer = new DeflateLayer(DeflateLayer.DEFAULT_MAX_INFLATED);
    }

    @Test
    void aCommandPipelinedAfterCompressIsRefusedWith403AndTheConnectionClosed() {
        assertThat(plain("COMPRESS DEFLATE\r\nDATE\r\n")).isEqualTo("403 Command pipelined after COMPRESS\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void aDecompressionBombOrABrokenStreamDropsTheConnection() {
        factory.setMaxInflated(65_536);
        setUpAgain();
        plain("COMPRESS DEFLATE\r\n");
        // 10 MB of CRLFs: empty lines the server would answer with 500 each, compressed to about 10 kB.
        byte[] bomb = "\r\n".repeat(5_000_000).getBytes(ISO_8859_1);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(bomb);
        byte[] packed = new byte[100_000];
        int length = deflater.deflate(packed, 0, packed.length, Deflater.SYNC_FLUSH);
        deflater.end();
        assertThat(length).isLessThan(20_000);
        transport.clear();
        server.dataReceived(ByteBuffer.wrap(packed, 0, length));
        assertThat(transport.value()).as("nothing answered: dropped before the lines were read").isEmpty();
        assertThat(transport.isAborted()).isTrue();

        setUpAgain();
        plain("COMPRESS DEFLATE\r\n");
        transport.clear();
        server.dataReceived(ByteBuffer.wrap("DATE\r\n".getBytes(ISO_8859_1)));
        assertThat(transport.isAborted()).as("plain text where DEFLATE was due").isTrue();
    }

    @Test
    void theLayerRoundTripsAndRefusesAnEndedStream() throws Exception {
        DeflateLayer a = new DeflateLayer(DeflateLayer.DEFAULT_MAX_INFLATED);
        DeflateLayer b = new DeflateLayer(DeflateLayer.DEFAULT_MAX_INFLATED);
        for (String text : List.of("one\r\n", "", "two\r\nthree\r\n".repeat(1000))) {
            assertThat(bytes(b.inflate(a.deflate(List.of(ByteBuffer.wrap(text.getBytes(ISO_8859_1)))))))
                    .isEqualTo(text.getBytes(ISO_8859_1));
        }
        Deflater finished = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        finished.setInput(new byte[] {'x'});
        finished.finish();
        byte[] out = new byte[64];
        int length = finished.deflate(out);
        finished.end();
        DeflateLayer c = new DeflateLayer(DeflateLayer.DEFAULT_MAX_INFLATED);
        assertThrows(DataFormatException.class, () -> c.inflate(ByteBuffer.wrap(out, 0, length)));
        a.end();
        b.end();
        c.end();
    }
}
