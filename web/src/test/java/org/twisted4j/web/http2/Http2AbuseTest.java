package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.web.http2.H2Peer.data;
import static org.twisted4j.web.http2.H2Peer.request;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each attack limit of the connection, and the error code it answers with. */
class Http2AbuseTest {
    final Recorder app = new Recorder();

    H2Peer peer(AbuseLimits limits) {
        return new H2Peer(app, Http2Settings.DEFAULT, limits).handshake();
    }

    @Test
    void streamsBeyondTheConcurrencyLimitAreRefused() {
        H2Peer peer = new H2Peer(app, Http2Settings.builder().maxConcurrentStreams(2).build(), AbuseLimits.DEFAULT)
                .handshake();
        peer.send(peer.headers(1, request("POST", "/"), false), peer.headers(3, request("POST", "/"), false),
                peer.headers(5, request("POST", "/"), false));
        assertThat(peer.described()).containsExactly("RST_STREAM 5 REFUSED_STREAM");
        assertThat(app.streams).containsOnlyKeys(1, 3);
        // Once a stream closes, a new one is taken; and the refused one's block kept HPACK in step.
        peer.send(FrameWriter.rstStream(1, ErrorCode.CANCEL), peer.get(7, "/"));
        assertThat(app.streams).containsOnlyKeys(1, 3, 7);
    }

    @Test
    void headerListOverTheLimitIsAnsweredWith431() {
        H2Peer peer = new H2Peer(app, Http2Settings.builder().maxHeaderListSize(1000).build(), AbuseLimits.DEFAULT)
                .handshake();
        peer.send(peer.headers(1, request("POST", "/", new HeaderField("x-big", "b".repeat(1000))), false));
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=431 END", "RST_STREAM 1 NO_ERROR");
        assertThat(app.streams).isEmpty();
        peer.send(data(1, "late body", true), peer.get(3, "/ok"));
        assertThat(app.streams).containsOnlyKeys(3);
        assertThat(peer.described()).isEmpty();
    }

    @Test
    void tooManyContinuationFramesIsEnhanceYourCalm() {
        H2Peer peer = peer(AbuseLimits.builder().maxContinuationFrames(3).build());
        byte[] block = peer.encoder.encode(request("GET", "/"));
        peer.send(FrameWriter.frame(1, 0x1, 1, block, 0, 1));
        for (int i = 1; i < 4; i++) {
            peer.send(FrameWriter.frame(9, 0, 1, block, i, 1));
        }
        assertThat(peer.described()).isEmpty();
        peer.send(FrameWriter.frame(9, 0, 1, block, 4, 1));
        assertThat(peer.described()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM");
        assertThat(peer.transport.isDisconnecting()).isTrue();
    }

    @Test
    void headerBlockLargerThanTheLimitIsEnhanceYourCalmBeforeItIsBuffered() {
        H2Peer peer = peer(AbuseLimits.builder().maxHeaderBlockBytes(20_000).build());
        peer.send(FrameWriter.frame(1, 0x1, 1, new byte[16_000]));
        assertThat(peer.described()).isEmpty();
        peer.send(FrameWriter.frame(9, 0, 1, new byte[16_000]));
        assertThat(peer.described()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM");
    }

    @Test
    void rapidResetIsEnhanceYourCalm() {
        H2Peer peer = peer(AbuseLimits.builder().maxResetsPerWindow(10).window(Duration.ofSeconds(1)).build());
        int id = 1;
        for (int i = 0; i < 10; i++, id += 2) {
            peer.send(peer.get(id, "/"), FrameWriter.rstStream(id, ErrorCode.CANCEL));
        }
        assertThat(peer.described()).isEmpty();
        // A new window of time starts the count again.
        peer.clock.advance(1.0);
        for (int i = 0; i < 10; i++, id += 2) {
            peer.send(peer.headers(id, request("POST", "/"), false), FrameWriter.rstStream(id, ErrorCode.CANCEL));
        }
        assertThat(peer.described()).isEmpty();
        peer.send(peer.headers(id, request("POST", "/"), false), FrameWriter.rstStream(id, ErrorCode.CANCEL));
        assertThat(peer.described()).containsExactly("GOAWAY " + id + " ENHANCE_YOUR_CALM");
    }

    @Test
    void resetsWeSendForPeerErrorsCountToo() {
        H2Peer peer = peer(AbuseLimits.builder().maxResetsPerWindow(2).build());
        peer.send(peer.get(1, "/"), data(1, "x", false), peer.get(3, "/"), data(3, "x", false));
        assertThat(peer.described()).containsExactly("RST_STREAM 1 STREAM_CLOSED", "RST_STREAM 3 STREAM_CLOSED");
        peer.send(peer.get(5, "/"), data(5, "x", false));
        assertThat(peer.described()).containsExactly("RST_STREAM 5 STREAM_CLOSED", "GOAWAY 5 ENHANCE_YOUR_CALM");
    }

    @Test
    void emptyDataFloodIsEnhanceYourCalm() {
        H2Peer peer = peer(AbuseLimits.builder().maxEmptyFramesPerWindow(5).build());
        peer.send(peer.headers(1, request("POST", "/"), false));
        for (int i = 0; i < 5; i++) {
            peer.send(FrameWriter.data(1, ByteBuffer.allocate(0), false));
        }
        assertThat(peer.described()).isEmpty();
        peer.send(FrameWriter.data(1, ByteBuffer.allocate(0), false));
        assertThat(peer.described()).containsExactly("GOAWAY 1 ENHANCE_YOUR_CALM");
    }

    @Test
    void emptyDataWithEndStreamIsNotCounted() {
        H2Peer peer = peer(AbuseLimits.builder().maxEmptyFramesPerWindow(0).build());
        peer.send(peer.headers(1, request("POST", "/"), false), FrameWriter.data(1, ByteBuffer.allocate(0), true));
        assertThat(app.events).last().isEqualTo("end 1");
        assertThat(peer.described()).isEmpty();
    }

    @Test
    void emptyHeadersAndContinuationFloodIsEnhanceYourCalm() {
        H2Peer peer = peer(AbuseLimits.builder().maxEmptyFramesPerWindow(3).maxContinuationFrames(100).build());
        peer.send(FrameWriter.frame(1, 0, 1, new byte[0]));
        peer.send(FrameWriter.frame(9, 0, 1, new byte[0]), FrameWriter.frame(9, 0, 1, new byte[0]));
        assertThat(peer.described()).isEmpty();
        peer.send(FrameWriter.frame(9, 0, 1, new byte[0]));
        assertThat(peer.described()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM");
    }

    @Test
    void settingsFloodIsEnhanceYourCalm() {
        // The handshake's SETTINGS counts as one.
        H2Peer peer = peer(AbuseLimits.builder().maxSettingsPerWindow(4).build());
        for (int i = 0; i < 3; i++) {
            peer.send(FrameWriter.settings(List.of()));
        }
        assertThat(peer.described()).containsExactly("SETTINGS ACK", "SETTINGS ACK", "SETTINGS ACK");
        peer.send(FrameWriter.settings(List.of()));
        assertThat(peer.described()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM");
    }

    @Test
    void pingFloodIsEnhanceYourCalm() {
        H2Peer peer = peer(AbuseLimits.builder().maxPingsPerWindow(3).build());
        for (int i = 0; i < 3; i++) {
            peer.send(FrameWriter.ping(false, i));
        }
        peer.send(FrameWriter.ping(true, 9));
        assertThat(peer.described()).containsExactly("PING 0 ACK", "PING 1 ACK", "PING 2 ACK");
        peer.send(FrameWriter.ping(false, 3));
        assertThat(peer.described()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM");
    }

    @Test
    void dataBeyondTheConnectionWindowIsAFlowControlError() {
        H2Peer peer = peer(AbuseLimits.DEFAULT);
        app.consume = false;
        int id = 1;
        // Each stream may take 65,535 octets; the connection 1 MiB in all.
        for (int sent = 0; sent <= (1 << 20); id += 2) {
            peer.send(peer.headers(id, request("POST", "/"), false));
            for (int i = 0; i < 4; i++, sent += 16_000) {
                peer.send(FrameWriter.data(id, ByteBuffer.allocate(16_000), false));
            }
        }
        assertThat(peer.described()).containsExactly("GOAWAY " + (id - 2) + " FLOW_CONTROL_ERROR");
    }
}
