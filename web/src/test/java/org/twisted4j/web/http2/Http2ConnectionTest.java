package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.web.http2.H2Peer.data;
import static org.twisted4j.web.http2.H2Peer.request;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;

class Http2ConnectionTest {
    final Recorder app = new Recorder();

    H2Peer peer() {
        return new H2Peer(app).handshake();
    }

    @Test
    void serverPrefaceIsSettingsThenTheConnectionWindowRaise() {
        H2Peer peer = new H2Peer(app);
        assertThat(peer.described()).containsExactly(
                "SETTINGS [Setting[id=1, value=4096], Setting[id=2, value=0], Setting[id=3, value=100], "
                        + "Setting[id=4, value=65535], Setting[id=5, value=16384], Setting[id=6, value=16384]]",
                "WINDOW_UPDATE 0 983041");
        peer.send(ByteBuffer.wrap(H2Peer.PREFACE), FrameWriter.settings(List.of()));
        assertThat(peer.described()).containsExactly("SETTINGS ACK");
    }

    @Test
    void invalidPrefaceIsAProtocolError() {
        H2Peer peer = new H2Peer(app);
        peer.frames();
        peer.send(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes()));
        assertThat(peer.described()).containsExactly("GOAWAY 0 PROTOCOL_ERROR");
        assertThat(peer.transport.isDisconnecting()).isTrue();
    }

    @Test
    void firstFrameAfterThePrefaceMustBeSettings() {
        H2Peer peer = new H2Peer(app);
        peer.frames();
        peer.send(ByteBuffer.wrap(H2Peer.PREFACE), FrameWriter.ping(false, 1));
        assertThat(peer.described()).containsExactly("GOAWAY 0 PROTOCOL_ERROR");
    }

    @Test
    void prefaceAndFramesMayArriveOneOctetAtATime() {
        H2Peer peer = new H2Peer(app);
        peer.frames();
        app.onEnd = Recorder.hello();
        byte[] all = concat(ByteBuffer.wrap(H2Peer.PREFACE), FrameWriter.settings(List.of()), peer.get(1, "/a"));
        for (byte b : all) {
            peer.connection.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(peer.described()).containsExactly("SETTINGS ACK", "HEADERS 1 :status=200", "DATA 1 \"hello /a\" END");
    }

    static byte[] concat(ByteBuffer... frames) {
        return FrameReaderTest.concat(List.of(frames));
    }

    @Test
    void getIsAnsweredAndTheStreamCloses() {
        H2Peer peer = peer();
        app.onEnd = Recorder.hello();
        peer.send(peer.get(1, "/x"));
        assertThat(app.events).containsExactly(
                "open 1 :method=GET :scheme=http :path=/x :authority=example.org", "end 1");
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 \"hello /x\" END");
        assertThat(peer.connection.activeStreams()).isZero();
        assertThat(app.streams.get(1).isOpen()).isFalse();
    }

    @Test
    void concurrentStreamsInterleave() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/a"), peer.get(3, "/b"));
        assertThat(peer.connection.activeStreams()).isEqualTo(2);
        Recorder.hello().accept(app.streams.get(3));
        Recorder.hello().accept(app.streams.get(1));
        assertThat(peer.described()).containsExactly("HEADERS 3 :status=200", "DATA 3 \"hello /b\" END",
                "HEADERS 1 :status=200", "DATA 1 \"hello /a\" END");
    }

    @Test
    void pingIsAnsweredWithItsOpaqueData() {
        H2Peer peer = peer();
        peer.send(FrameWriter.ping(false, 0x1234), FrameWriter.ping(true, 99));
        assertThat(peer.described()).containsExactly("PING 4660 ACK");
    }

    @Test
    void requestBodyAndTrailersReachTheHandler() {
        H2Peer peer = peer();
        app.onEnd = Recorder.hello();
        peer.send(peer.headers(1, request("POST", "/up", new HeaderField("content-length", "5")), false),
                data(1, "he", false), data(1, "llo", false),
                peer.headers(1, List.of(new HeaderField("x-checksum", "abc")), true));
        assertThat(app.events).containsExactly("open 1 :method=POST :scheme=http :path=/up :authority=example.org"
                + " content-length=5", "data 1 \"he\"", "data 1 \"llo\"",
                "trailers 1 [HeaderField[name=x-checksum, value=abc, sensitive=false]]", "end 1");
    }

    @Test
    void receivedDataIsCreditedBackOnlyWhenConsumed() {
        H2Peer peer = peer();
        app.consume = false;
        peer.send(peer.headers(1, request("POST", "/up"), false));
        for (int i = 0; i < 3; i++) {
            peer.send(FrameWriter.data(1, ByteBuffer.allocate(14_000), false));
        }
        assertThat(peer.described()).isEmpty();
        Http2Stream stream = app.streams.get(1);
        stream.consumed(20_000);
        assertThat(peer.described()).isEmpty();
        stream.consumed(22_000);
        // The stream's window is announced past half of 65,535; the connection's past half of 1 MiB.
        assertThat(peer.described()).containsExactly("WINDOW_UPDATE 1 42000");
        assertThat(stream.bufferedBytes()).isZero();
    }

    @Test
    void dataBeyondTheStreamWindowResetsTheStream() {
        H2Peer peer = peer();
        app.consume = false;
        peer.send(peer.headers(1, request("POST", "/up"), false));
        for (int i = 0; i < 4; i++) {
            peer.send(FrameWriter.data(1, ByteBuffer.allocate(16_384), false));
        }
        assertThat(peer.described()).containsExactly("RST_STREAM 1 FLOW_CONTROL_ERROR");
        assertThat(app.events).last().isEqualTo("reset 1 FLOW_CONTROL_ERROR");
    }

    @Test
    void paddingIsCreditedBackAtOnce() {
        H2Peer peer = new H2Peer(app, Http2Settings.builder().initialWindowSize(1000).build(), AbuseLimits.DEFAULT)
                .handshake();
        app.consume = false;
        byte[] payload = new byte[300];
        payload[0] = (byte) 200;
        peer.send(peer.headers(1, request("POST", "/up"), false), FrameWriter.frame(0, 0x8, 1, payload),
                FrameWriter.frame(0, 0x8, 1, payload));
        assertThat(peer.described()).isEmpty();
        peer.send(FrameWriter.frame(0, 0x8, 1, payload));
        // 201 octets of each frame are padding (and its length), credited back without waiting for the handler.
        assertThat(peer.described()).containsExactly("WINDOW_UPDATE 1 603");
        assertThat(app.events).contains("data 1 " + 99 + " octets");
    }

    @Test
    void sendingWaitsForThePeersStreamWindow() {
        H2Peer peer = peer();
        peer.send(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.INITIAL_WINDOW_SIZE, 10))),
                peer.get(1, "/"));
        peer.frames();
        Http2Stream stream = app.streams.get(1);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.sendData(ByteBuffer.wrap("0123456789abcdefghijklmno".getBytes()), true);
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 \"0123456789\"");
        assertThat(stream.bufferedBytes()).isEqualTo(15);
        peer.send(FrameWriter.windowUpdate(1, 10));
        assertThat(peer.described()).containsExactly("DATA 1 \"abcdefghij\"");
        // A larger initial window opens the stream's window by the difference.
        peer.send(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.INITIAL_WINDOW_SIZE, 15))));
        assertThat(peer.described()).containsExactly("SETTINGS ACK", "DATA 1 \"klmno\" END");
    }

    @Test
    void smallerInitialWindowCanMakeAStreamWindowNegative() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/"));
        Http2Stream stream = app.streams.get(1);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.sendData(ByteBuffer.wrap(new byte[100]), false);
        peer.frames();
        peer.send(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.INITIAL_WINDOW_SIZE, 0))));
        stream.sendData(ByteBuffer.wrap(new byte[10]), true);
        assertThat(peer.described()).containsExactly("SETTINGS ACK");
        peer.send(FrameWriter.windowUpdate(1, 100));
        assertThat(peer.described()).isEmpty();
        peer.send(FrameWriter.windowUpdate(1, 10));
        assertThat(peer.described()).containsExactly("DATA 1 \"\0\0\0\0\0\0\0\0\0\0\" END");
    }

    @Test
    void largeResponseWaitsForTheConnectionWindow() {
        H2Peer peer = peer();
        peer.send(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20))),
                peer.get(1, "/big"));
        peer.frames();
        Http2Stream stream = app.streams.get(1);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.sendData(ByteBuffer.allocate(70_000), true);
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 16384 octets",
                "DATA 1 16384 octets", "DATA 1 16384 octets", "DATA 1 16383 octets");
        peer.send(FrameWriter.windowUpdate(0, 100_000));
        assertThat(peer.described()).containsExactly("DATA 1 4465 octets END");
        assertThat(peer.connection.activeStreams()).isZero();
    }

    @Test
    void peerMaxFrameSizeLetsLargerFramesOut() {
        H2Peer peer = peer();
        peer.send(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.MAX_FRAME_SIZE, 60_000))),
                peer.get(1, "/big"));
        peer.frames();
        Http2Stream stream = app.streams.get(1);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.sendData(ByteBuffer.allocate(65_535), true);
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 60000 octets",
                "DATA 1 5535 octets END");
    }

    @Test
    void responseTrailersFollowTheData() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/"));
        Http2Stream stream = app.streams.get(1);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.write(ByteBuffer.wrap("body".getBytes()));
        stream.sendTrailers(List.of(new HeaderField("grpc-status", "0")));
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 \"body\"",
                "HEADERS 1 grpc-status=0 END");
    }

    @Test
    void transportBackPressureHoldsDataUntilResumed() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/"));
        peer.transport.producer();
        ((org.twisted4j.internet.PushProducer) peer.transport.producer()).pauseProducing();
        Http2Stream stream = app.streams.get(1);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.sendData(ByteBuffer.wrap("later".getBytes()), true);
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200");
        ((org.twisted4j.internet.PushProducer) peer.transport.producer()).resumeProducing();
        assertThat(peer.described()).containsExactly("DATA 1 \"later\" END");
    }

    @Test
    void streamProducerIsPausedWhileDataWaitsAndResumedWhenItDrains() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/"));
        Http2Stream stream = app.streams.get(1);
        List<String> calls = new java.util.ArrayList<>();
        stream.registerProducer(new org.twisted4j.internet.PushProducer() {
            @Override
            public void pauseProducing() {
                calls.add("pause");
            }

            @Override
            public void resumeProducing() {
                calls.add("resume");
            }

            @Override
            public void stopProducing() {
                calls.add("stop");
            }
        }, true);
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.write(ByteBuffer.allocate(140_000));
        assertThat(calls).containsExactly("pause");
        assertThat(stream.bufferedBytes()).isEqualTo(140_000 - 65_535);
        peer.send(FrameWriter.windowUpdate(0, 1 << 20), FrameWriter.windowUpdate(1, 1 << 20));
        assertThat(calls).containsExactly("pause", "resume");
        assertThat(stream.bufferedBytes()).isZero();
        peer.send(FrameWriter.rstStream(1, ErrorCode.CANCEL));
        assertThat(calls).containsExactly("pause", "resume", "stop");
    }

    @Test
    void clientResetReachesTheHandlerAndLaterFramesOnTheStreamAreIgnored() {
        H2Peer peer = peer();
        peer.send(peer.headers(1, request("POST", "/"), false), FrameWriter.rstStream(1, ErrorCode.CANCEL));
        assertThat(app.events).last().isEqualTo("reset 1 CANCEL");
        assertThat(peer.connection.activeStreams()).isZero();
        peer.send(data(1, "late", false), FrameWriter.windowUpdate(1, 5), FrameWriter.rstStream(1, ErrorCode.CANCEL));
        assertThat(peer.described()).isEmpty();
    }

    @Test
    void applicationResetSendsRstStream() {
        H2Peer peer = peer();
        peer.send(peer.headers(1, request("POST", "/"), false));
        app.streams.get(1).reset(ErrorCode.CANCEL);
        assertThat(peer.described()).containsExactly("RST_STREAM 1 CANCEL");
        assertThat(app.events).doesNotContain("reset 1 CANCEL");
    }

    @Test
    void failingHandlerResetsItsStreamWithInternalError() {
        H2Peer peer = peer();
        app.onEnd = stream -> {
            throw new IllegalStateException("boom");
        };
        peer.send(peer.get(1, "/"));
        assertThat(peer.described()).containsExactly("RST_STREAM 1 INTERNAL_ERROR");
        peer.send(peer.get(3, "/"));
        assertThat(peer.connection.activeStreams()).isZero();
    }

    @Test
    void priorityFramesAndUnknownFrameTypesAreIgnored() {
        H2Peer peer = peer();
        peer.send(FrameWriter.priority(5, 0, false, 16), FrameWriter.frame(0x42, 0, 0, new byte[3]),
                peer.headers(1, request("GET", "/"), true));
        assertThat(peer.described()).isEmpty();
        assertThat(app.events).hasSize(2);
        peer.send(FrameWriter.priority(7, 7, false, 16));
        assertThat(peer.described()).containsExactly("RST_STREAM 7 PROTOCOL_ERROR");
    }

    @Test
    void headerBlockSpreadOverContinuationFrames() {
        H2Peer peer = peer();
        byte[] block = peer.encoder.encode(request("GET", "/" + "p".repeat(100)));
        peer.send(FrameWriter.frame(1, 0x1, 1, block, 0, 10), FrameWriter.frame(9, 0, 1, block, 10, 10),
                FrameWriter.frame(9, 0x4, 1, block, 20, block.length - 20));
        assertThat(app.events).containsExactly(
                "open 1 :method=GET :scheme=http :path=/" + "p".repeat(100) + " :authority=example.org", "end 1");
    }

    @Test
    void anyFrameBetweenHeadersAndContinuationIsAProtocolError() {
        H2Peer peer = peer();
        byte[] block = peer.encoder.encode(request("GET", "/"));
        peer.send(FrameWriter.frame(1, 0x1, 1, block, 0, 3), FrameWriter.ping(false, 1));
        assertThat(peer.described()).containsExactly("GOAWAY 0 PROTOCOL_ERROR");
    }

    @Test
    void continuationWithoutAHeaderBlockIsAProtocolError() {
        H2Peer peer = peer();
        peer.send(FrameWriter.frame(9, 0x4, 1, new byte[] {(byte) 0x82}));
        assertThat(peer.described()).containsExactly("GOAWAY 0 PROTOCOL_ERROR");
    }

    @Test
    void streamIdentifierRules() {
        H2Peer even = peer();
        even.send(even.get(2, "/"));
        assertThat(even.described()).containsExactly("GOAWAY 0 PROTOCOL_ERROR");

        H2Peer backwards = new H2Peer(app).handshake();
        backwards.send(backwards.get(5, "/"), backwards.get(3, "/"));
        assertThat(backwards.described()).containsExactly("RST_STREAM 3 STREAM_CLOSED");

        H2Peer idleData = new H2Peer(app).handshake();
        idleData.send(data(7, "x", false));
        assertThat(idleData.described()).containsExactly("GOAWAY 0 PROTOCOL_ERROR");

        H2Peer afterEnd = new H2Peer(app).handshake();
        afterEnd.send(afterEnd.get(1, "/"), data(1, "x", false));
        assertThat(afterEnd.described()).containsExactly("RST_STREAM 1 STREAM_CLOSED");
    }

    @Test
    void pushPromiseFromAClientIsAProtocolError() {
        H2Peer peer = peer();
        peer.send(peer.headers(1, request("GET", "/"), false), FrameWriter.pushPromise(1, 2, new byte[] {(byte) 0x82},
                16_384));
        assertThat(peer.described()).containsExactly("GOAWAY 1 PROTOCOL_ERROR");
        assertThat(app.events).last().isEqualTo("reset 1 PROTOCOL_ERROR");
    }

    @Test
    void frameLargerThanOurMaximumIsAFrameSizeError() {
        H2Peer peer = peer();
        peer.send(FrameWriter.frame(0, 0, 1, new byte[16_385]));
        assertThat(peer.described()).containsExactly("GOAWAY 0 FRAME_SIZE_ERROR");
    }

    @Test
    void gracefulGoAwayFinishesOpenStreamsThenCloses() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/"));
        peer.connection.goAway();
        peer.send(peer.get(3, "/"));
        assertThat(peer.described()).containsExactly("GOAWAY 1 NO_ERROR");
        assertThat(app.streams).containsOnlyKeys(1);
        assertThat(peer.transport.isDisconnecting()).isFalse();
        Recorder.hello().accept(app.streams.get(1));
        assertThat(peer.transport.isDisconnecting()).isTrue();
    }

    @Test
    void goAwayFromThePeerClosesOnceStreamsAreDone() {
        H2Peer peer = peer();
        peer.send(peer.get(1, "/"), FrameWriter.goAway(0, ErrorCode.NO_ERROR, new byte[0]));
        assertThat(peer.transport.isDisconnecting()).isFalse();
        Recorder.hello().accept(app.streams.get(1));
        assertThat(peer.transport.isDisconnecting()).isTrue();
    }

    @Test
    void lostConnectionCancelsOpenStreams() {
        H2Peer peer = peer();
        peer.send(peer.headers(1, request("POST", "/"), false));
        peer.connection.connectionLost(new Failure(new ConnectionDone()));
        assertThat(app.events).last().isEqualTo("reset 1 CANCEL");
        assertThat(app.streams.get(1).isOpen()).isFalse();
    }
}
