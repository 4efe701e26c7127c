package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** {@link StaticFile} on an in-memory connection: which path a file's body takes, and what it carries. */
class StaticFileTest {
    private static final String CONTENT = "0123456789abcdefghij";

    @TempDir
    Path dir;

    private Served served;
    private final List<String> accessLog = new ArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        Files.writeString(dir.resolve("f.txt"), CONTENT, ISO_8859_1);
        Resource root = new Resource();
        root.putChild("files", new StaticFile(dir));
        served = new Served(root);
        served.site.setAccessLog(accessLog::add);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** Asks the registered pull producer for chunks until it unregisters. */
    private void drainProducer() {
        for (int turns = 0; served.transport.producer() instanceof PullProducer producer; turns++) {
            assertThat(turns).as("the producer ends").isLessThan(100);
            producer.resumeProducing();
        }
    }

    @Test
    void aWholeFileGoesAsOneFileRegionAndTheRequestFinishes() {
        served.send("GET /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\n");

        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 20\r\n");
        assertThat(body(response)).isEqualTo(CONTENT);
        assertThat(served.transport.fileRegionsWritten()).isEqualTo(1);
        assertThat(served.transport.producer()).as("no chunk producer").isNull();
        assertThat(accessLog).singleElement().asString().contains("\" 200 20 ");
    }

    @Test
    void anEmptyFileIsAnEmptyOkAndTheRequestFinishes() throws Exception {
        Files.writeString(dir.resolve("empty.txt"), "");
        served.send("GET /files/empty.txt HTTP/1.1\r\nHost: h\r\n\r\n");

        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 0\r\n").endsWith("\r\n\r\n");
        assertThat(served.transport.fileRegionsWritten()).isZero();
        assertThat(served.transport.producer()).as("no chunk producer").isNull();
        assertThat(accessLog).singleElement().asString().contains("\" 200 - ");
    }

    @Test
    void aSingleRangeGoesAsAFileRegion() {
        served.send("GET /files/f.txt HTTP/1.1\r\nHost: h\r\nRange: bytes=2-5\r\n\r\n");

        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 206 Partial Content\r\n").contains("Content-Range: bytes 2-5/20\r\n");
        assertThat(body(response)).isEqualTo("2345");
        assertThat(served.transport.fileRegionsWritten()).isEqualTo(1);
        assertThat(accessLog).singleElement().asString().contains("\" 206 4 ");
    }

    @Test
    void withoutFileRegionsTheBodyComesFromTheChunkProducer() {
        served.transport.setCanWriteFile(false);
        served.send("GET /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.transport.producer()).isInstanceOf(FileSender.class);

        drainProducer();

        String response = served.take();
        assertThat(body(response)).isEqualTo(CONTENT);
        assertThat(served.transport.fileRegionsWritten()).isZero();
        assertThat(accessLog).singleElement().asString().contains("\" 200 20 ");
    }

    @Test
    void severalRangesUseTheChunkProducer() {
        served.send("GET /files/f.txt HTTP/1.1\r\nHost: h\r\nRange: bytes=0-1,4-5\r\n\r\n");
        drainProducer();

        String response = served.take();
        assertThat(response).startsWith("HTTP/1.1 206 ").contains("multipart/byteranges");
        assertThat(body(response)).contains("\r\n\r\n01\r\n").contains("\r\n\r\n45\r\n");
        assertThat(served.transport.fileRegionsWritten()).isZero();
    }

    @Test
    void headSendsNeitherRegionNorBody() {
        served.send("HEAD /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\n");

        String response = served.take();
        assertThat(response).contains("Content-Length: 20\r\n").endsWith("\r\n\r\n");
        assertThat(served.transport.fileRegionsWritten()).isZero();
        assertThat(accessLog).singleElement().asString().contains("\" 200 - ");
    }

    @Test
    void aPipelinedRequestIsAnsweredAfterTheFileRegion() {
        served.send("GET /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\nGET /files/f.txt HTTP/1.1\r\nHost: h\r\n"
                + "Range: bytes=-3\r\n\r\n");

        String response = served.take();
        int second = response.indexOf("HTTP/1.1 206");
        assertThat(second).isPositive();
        assertThat(body(response.substring(0, second))).isEqualTo(CONTENT);
        assertThat(body(response.substring(second))).isEqualTo("hij");
        assertThat(served.transport.fileRegionsWritten()).isEqualTo(2);
    }

    /** Records file regions without sending them: each waits until the test fires its Deferred. */
    static final class HeldRegions extends StringTransport {
        final List<Deferred<@Nullable Void>> held = new ArrayList<>();
        final List<FileChannel> files = new ArrayList<>();

        @Override
        public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
            Deferred<@Nullable Void> sent = new Deferred<>();
            held.add(sent);
            files.add(file);
            return sent;
        }
    }

    /** Connects a Site serving {@code dir} under /files, logging to {@link #accessLog}, to {@code transport}. */
    private Protocol serveFilesOn(StringTransport transport) {
        Resource root = new Resource();
        root.putChild("files", new StaticFile(dir));
        Site site = new Site(root, new Clock());
        site.setAccessLog(accessLog::add);
        Protocol protocol = site.buildProtocol(transport.getPeer());
        protocol.makeConnection(transport);
        return protocol;
    }

    @Test
    void aRequestFinishesAndThePipelinedNextStartsOnlyOnceTheRegionIsSent() {
        HeldRegions transport = new HeldRegions();
        Protocol protocol = serveFilesOn(transport);
        protocol.dataReceived(ByteBuffer.wrap(("GET /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(ISO_8859_1)));

        assertThat(transport.held).hasSize(1);
        assertThat(accessLog).as("not finished while the region waits").isEmpty();
        assertThat(transport.files.getFirst().isOpen()).isTrue();

        transport.held.getFirst().callback(null);

        assertThat(transport.files.getFirst().isOpen()).as("closed once sent").isFalse();
        assertThat(accessLog).singleElement().asString().contains("\" 200 20 ");
        assertThat(transport.held).as("the pipelined request has been answered").hasSize(2);
    }

    @Test
    void aDroppedRegionClosesTheFileAndLeavesTheRequestToConnectionLost() {
        HeldRegions transport = new HeldRegions();
        Protocol protocol = serveFilesOn(transport);
        protocol.dataReceived(ByteBuffer.wrap("GET /files/f.txt HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1)));

        Failure reason = new Failure(new ConnectionLost("reset"));
        transport.held.getFirst().errback(reason);
        protocol.connectionLost(reason);

        assertThat(transport.files.getFirst().isOpen()).isFalse();
        assertThat(accessLog).as("an unfinished response is not logged as served").isEmpty();
    }
}
