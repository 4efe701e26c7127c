package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.testing.StringTransport;

/** Frames made while the connection handles one read leave in one write; frames made at other times at once. */
class Http2WriteBatchingTest {
    final Recorder app = new Recorder();
    final CountingTransport transport = new CountingTransport();
    final H2Peer peer = new H2Peer(app, Http2Settings.DEFAULT, AbuseLimits.DEFAULT, transport).handshake();

    /** A transport counting the calls that hand it bytes, each of which may cost the socket a write. */
    static final class CountingTransport extends StringTransport {
        int writes;

        @Override
        public void write(ByteBuffer data) {
            writes++;
            super.write(data);
        }

        @Override
        public void writeSequence(List<ByteBuffer> data) {
            writes++;
            for (ByteBuffer buffer : data) {
                super.write(buffer);
            }
        }
    }

    @Test
    void responsesMadeWhileHandlingOneReadLeaveInOneWrite() {
        app.onEnd = Recorder.hello();
        transport.writes = 0;
        peer.send(peer.get(1, "/a"), peer.get(3, "/b"), FrameWriter.ping(false, 7), peer.get(5, "/c"));
        assertThat(transport.writes).isEqualTo(1);
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 \"hello /a\" END",
                "HEADERS 3 :status=200", "DATA 3 \"hello /b\" END", "PING 7 ACK",
                "HEADERS 5 :status=200", "DATA 5 \"hello /c\" END");
    }

    @Test
    void responseMadeAfterTheReadLeavesAtOnce() {
        peer.send(peer.get(1, "/a"));
        assertThat(peer.described()).isEmpty();
        transport.writes = 0;
        Recorder.hello().accept(app.streams.get(1));
        assertThat(transport.writes).isEqualTo(2);
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 \"hello /a\" END");
    }

    @Test
    void heldFramesAreWrittenOnceTheyPassTheHoldLimit() {
        int size = 3 * SendScheduler.HOLD_LIMIT;
        app.onEnd = stream -> {
            stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
            stream.sendData(ByteBuffer.allocate(size), true);
            assertThat(transport.value().length).isGreaterThanOrEqualTo(SendScheduler.HOLD_LIMIT);
        };
        peer.send(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20))),
                FrameWriter.windowUpdate(0, 1 << 20), peer.get(1, "/big"));
        int octets = 0;
        for (Frame frame : peer.frames()) {
            if (frame instanceof Frame.Data data) {
                octets += data.data().length;
            }
        }
        assertThat(octets).isEqualTo(size);
        assertThat(app.events).contains("end 1");
    }

    @Test
    void connectionErrorWritesTheHeldFramesThenGoAwayBeforeClosing() {
        app.onEnd = Recorder.hello();
        transport.writes = 0;
        peer.send(peer.get(1, "/a"), peer.get(2, "/even"));
        assertThat(transport.writes).isEqualTo(1);
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(peer.described()).containsExactly("HEADERS 1 :status=200", "DATA 1 \"hello /a\" END",
                "GOAWAY 1 PROTOCOL_ERROR");
    }
}
