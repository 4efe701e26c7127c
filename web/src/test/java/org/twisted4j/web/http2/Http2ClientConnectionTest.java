package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.PushProducer;

/** The client face of an HTTP/2 connection, driven frame by frame on a StringTransport. */
class Http2ClientConnectionTest {

    final H2Server server = new H2Server();
    final List<String> events = new ArrayList<>();

    /** A response handler that records what it is told and consumes the body unless told not to. */
    final class Recording implements Http2ResponseHandler {
        final String name;
        Http2Stream stream;
        boolean consume = true;
        int unconsumed;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public void started(Http2Stream started) {
            stream = started;
            events.add(name + " started " + started.id());
        }

        @Override
        public void responseReceived(List<HeaderField> headers) {
            events.add(name + " response " + headers.get(0).value());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            int n = data.remaining();
            events.add(name + " data " + (n > 40 ? n + " octets" : new String(bytes(data), ISO_8859_1)));
            if (consume) {
                stream.consumed(n);
            } else {
                unconsumed += n;
            }
        }

        @Override
        public void trailersReceived(List<HeaderField> trailers) {
            events.add(name + " trailers " + trailers);
        }

        @Override
        public void endOfStream() {
            events.add(name + " end");
        }

        @Override
        public void failed(ErrorCode code, String reason, boolean unprocessed) {
            events.add(name + " failed " + code + (unprocessed ? " unprocessed" : ""));
        }
    }

    static byte[] bytes(ByteBuffer data) {
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    Recording get(String path) {
        Recording handler = new Recording(path);
        server.connection.request(H2Server.get(path), true, handler);
        return handler;
    }

    @Test
    void theClientPrefaceSettingsAndConnectionWindowAreExactBytes() {
        String written = HexFormat.of().formatHex(server.transport.value());
        assertThat(written).isEqualTo(HexFormat.of().formatHex("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(ISO_8859_1))
                // SETTINGS: 36 octets, 6 parameters
                + "000024" + "04" + "00" + "00000000"
                + "0001" + "00001000" // HEADER_TABLE_SIZE 4096
                + "0002" + "00000000" // ENABLE_PUSH 0
                + "0003" + "00000064" // MAX_CONCURRENT_STREAMS 100
                + "0004" + "0000ffff" // INITIAL_WINDOW_SIZE 65535
                + "0005" + "00004000" // MAX_FRAME_SIZE 16384
                + "0006" + "00004000" // MAX_HEADER_LIST_SIZE 16384
                // WINDOW_UPDATE on the connection: 1 MiB - 65,535 = 983,041
                + "000004" + "08" + "00" + "00000000" + "000f0001");
    }

    @Test
    void aGetOpensStreamOneAndReceivesTheResponse() {
        server.handshake();
        get("/a");
        assertThat(server.described()).containsExactly(
                "HEADERS 1 :method=GET :scheme=http :authority=example.org :path=/a END");
        server.send(server.headers(1, false, ":status", "200", "content-type", "text/plain"),
                H2Server.data(1, "hello", false), server.headers(1, true, "x-checksum", "1"));
        assertThat(events).containsExactly("/a started 1", "/a response 200", "/a data hello",
                "/a trailers [HeaderField[name=x-checksum, value=1, sensitive=false]]", "/a end");
        assertThat(server.connection.activeStreams()).isZero();
        get("/b");
        assertThat(server.described()).as("client streams are odd and increasing").containsExactly(
                "HEADERS 3 :method=GET :scheme=http :authority=example.org :path=/b END");
    }

    @Test
    void interimResponsesAreSkipped() {
        server.handshake();
        get("/");
        server.send(server.headers(1, false, ":status", "103", "link", "</s.css>"),
                server.headers(1, true, ":status", "204"));
        assertThat(events).containsExactly("/ started 1", "/ response 204", "/ end");
    }

    @Test
    void aBodyLargerThanTheWindowWaitsForWindowUpdateAndPausesItsProducer() {
        server.handshake();
        Recording handler = new Recording("post");
        server.connection.request(H2Server.post("/up", 100_000), false, handler);
        List<String> producerEvents = new ArrayList<>();
        handler.stream.registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
                producerEvents.add("pause");
            }

            @Override
            public void resumeProducing() {
                producerEvents.add("resume");
            }

            @Override
            public void stopProducing() {
                producerEvents.add("stop");
            }
        }, true);
        handler.stream.write(ByteBuffer.allocate(100_000));
        assertThat(server.described()).containsExactly(
                "HEADERS 1 :method=POST :scheme=http :authority=example.org :path=/up content-length=100000",
                "DATA 1 16384 octets", "DATA 1 16384 octets", "DATA 1 16384 octets", "DATA 1 16383 octets");
        assertThat(handler.stream.bufferedBytes()).isEqualTo(100_000 - 65_535);
        assertThat(producerEvents).as("34,465 octets wait: under the high-water mark").isEmpty();
        handler.stream.write(ByteBuffer.allocate(40_000));
        assertThat(producerEvents).containsExactly("pause");
        server.send(FrameWriter.windowUpdate(0, 1 << 20));
        assertThat(server.described()).as("the stream's own window is still used up").isEmpty();
        server.send(FrameWriter.windowUpdate(1, 70_000));
        assertThat(server.described()).containsExactly("DATA 1 16384 octets", "DATA 1 16384 octets",
                "DATA 1 16384 octets", "DATA 1 16384 octets", "DATA 1 4464 octets");
        assertThat(producerEvents).containsExactly("pause", "resume");
        handler.stream.sendData(ByteBuffer.allocate(0), true);
        server.send(FrameWriter.windowUpdate(1, 70_000));
        assertThat(server.described()).containsExactly("DATA 1 4465 octets END");
    }

    @Test
    void requestsBeyondTheServersConcurrencyLimitWaitForAStreamToClose() {
        server.handshake(new Frame.Setting(Http2Settings.MAX_CONCURRENT_STREAMS, 2));
        get("/1");
        get("/2");
        Recording third = get("/3");
        assertThat(server.described()).containsExactly(
                "HEADERS 1 :method=GET :scheme=http :authority=example.org :path=/1 END",
                "HEADERS 3 :method=GET :scheme=http :authority=example.org :path=/2 END");
        assertThat(server.connection.waitingRequests()).isEqualTo(1);
        assertThat(third.stream).isNull();
        server.send(server.headers(3, true, ":status", "200"));
        assertThat(server.described()).containsExactly(
                "HEADERS 5 :method=GET :scheme=http :authority=example.org :path=/3 END");
        assertThat(server.connection.waitingRequests()).isZero();
        assertThat(events).as("the closed stream makes room before its end is told")
                .containsExactly("/1 started 1", "/2 started 3", "/2 response 200", "/3 started 5", "/2 end");
    }

    @Test
    void aWaitingRequestCanBeWithdrawn() {
        server.handshake(new Frame.Setting(Http2Settings.MAX_CONCURRENT_STREAMS, 1));
        get("/1");
        Recording second = get("/2");
        assertThat(server.connection.withdraw(second)).isTrue();
        server.send(server.headers(1, true, ":status", "200"));
        assertThat(server.described()).hasSize(1);
        assertThat(events).doesNotContain("/2 started 3");
    }

    @Test
    void goAwayFailsTheStreamsAboveItsLastStreamAsUnprocessedAndTakesNoNewRequest() {
        server.handshake(new Frame.Setting(Http2Settings.MAX_CONCURRENT_STREAMS, 2));
        get("/1");
        get("/2");
        get("/3");
        server.frames();
        server.send(FrameWriter.goAway(1, ErrorCode.NO_ERROR, new byte[0]));
        assertThat(events).containsExactly("/1 started 1", "/2 started 3", "/2 failed NO_ERROR unprocessed",
                "/3 failed NO_ERROR unprocessed");
        assertThat(server.connection.isAcceptingStreams()).isFalse();
        get("/4");
        assertThat(events).last().isEqualTo("/4 failed REFUSED_STREAM unprocessed");
        assertThat(server.transport.isDisconnecting()).as("stream 1 goes on").isFalse();
        server.send(server.headers(1, true, ":status", "200"));
        assertThat(events).contains("/1 response 200", "/1 end");
        assertThat(server.described()).as("nothing more is sent").isEmpty();
        assertThat(server.transport.isDisconnecting()).as("closed once its streams are done").isTrue();
    }

    @Test
    void rstStreamFailsItsRequestAndRefusedStreamSaysUnprocessed() {
        server.handshake();
        get("/1");
        get("/2");
        server.send(FrameWriter.rstStream(1, ErrorCode.REFUSED_STREAM), FrameWriter.rstStream(3, ErrorCode.CANCEL));
        assertThat(events).containsExactly("/1 started 1", "/2 started 3", "/1 failed REFUSED_STREAM unprocessed",
                "/2 failed CANCEL");
        assertThat(server.connection.activeStreams()).isZero();
        assertThat(server.connection.isAcceptingStreams()).isTrue();
    }

    @Test
    void bodyDataHeldBackReturnsNoCreditUntilConsumed() {
        server.handshake();
        Recording paused = get("/big");
        paused.consume = false;
        server.frames();
        server.send(server.headers(1, false, ":status", "200"), H2Server.data(1, 16_384, false),
                H2Server.data(1, 16_384, false), H2Server.data(1, 16_384, false));
        assertThat(server.described()).as("a paused reader stops the server: no WINDOW_UPDATE").isEmpty();
        paused.stream.consumed(paused.unconsumed);
        assertThat(server.described()).containsExactly("WINDOW_UPDATE 1 49152");
    }

    @Test
    void aResetByTheClientSendsCancelAndDropsTheStreamsLateFrames() {
        server.handshake();
        Recording handler = get("/");
        server.send(server.headers(1, false, ":status", "200"));
        server.frames();
        handler.stream.reset(ErrorCode.CANCEL);
        assertThat(server.described()).containsExactly("RST_STREAM 1 CANCEL");
        server.send(H2Server.data(1, "late", false), server.headers(1, true, "x", "y"));
        assertThat(server.described()).isEmpty();
        assertThat(events).containsExactly("/ started 1", "/ response 200");
        assertThat(server.transport.isDisconnecting()).isFalse();
    }

    @Test
    void pingIsAnswered() {
        server.handshake();
        server.send(FrameWriter.ping(false, 42));
        assertThat(server.described()).containsExactly("PING 42 ACK");
    }

    @Test
    void malformedResponsesResetTheirStream() {
        server.handshake();
        get("/data-first");
        get("/no-status");
        get("/upper");
        server.frames();
        server.send(H2Server.data(1, "x", false), server.headers(3, true, "x", "y"),
                server.headers(5, true, ":status", "200", "Upper", "1"));
        assertThat(server.described()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR", "RST_STREAM 3 PROTOCOL_ERROR",
                "RST_STREAM 5 PROTOCOL_ERROR");
        assertThat(events).contains("/data-first failed PROTOCOL_ERROR", "/no-status failed PROTOCOL_ERROR",
                "/upper failed PROTOCOL_ERROR");
    }

    @Test
    void aResponseHeaderListOverTheLimitResetsTheStream() {
        H2Server small = new H2Server(Http2Settings.builder().maxHeaderListSize(100).build());
        small.handshake();
        Recording handler = new Recording("/");
        small.connection.request(H2Server.get("/"), true, handler);
        small.frames();
        small.send(small.headers(1, true, ":status", "200", "x-big", "v".repeat(200)));
        assertThat(small.described()).containsExactly("RST_STREAM 1 CANCEL");
        assertThat(events).containsExactly("/ started 1", "/ failed CANCEL");
    }

    @Test
    void aMalformedRequestHeaderListIsRefusedBeforeSending() {
        server.handshake();
        assertThatThrownBy(() -> server.connection.request(List.of(new HeaderField(":method", "GET"),
                new HeaderField(":scheme", "http"), new HeaderField(":path", "/"), new HeaderField("Host", "h")),
                true, new Recording("bad"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.connection.request(List.of(new HeaderField(":method", "GET"),
                new HeaderField(":scheme", "http"), new HeaderField(":path", "/"),
                new HeaderField("connection", "close")), true, new Recording("bad")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.described()).isEmpty();
    }

    @Test
    void losingTheConnectionFailsOpenStreamsAndWaitingRequests() {
        server.handshake(new Frame.Setting(Http2Settings.MAX_CONCURRENT_STREAMS, 1));
        get("/1");
        get("/2");
        server.connection.connectionLost(new Failure(new ConnectionDone()));
        assertThat(events).containsExactly("/1 started 1", "/1 failed CANCEL", "/2 failed CANCEL unprocessed");
        assertThat(server.connection.lostReason()).isNotNull();
        assertThat(server.connection.isAcceptingStreams()).isFalse();
    }
}
