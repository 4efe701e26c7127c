package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    static String describe(Frame frame) {
        HexFormat hex = HexFormat.of();
        return switch (frame) {
            case Frame.Data d -> "DATA " + d.streamId() + " " + hex.formatHex(d.data()) + " end=" + d.endStream()
                    + " flow=" + d.flowLength();
            case Frame.Headers h -> "HEADERS " + h.streamId() + " " + hex.formatHex(h.fragment()) + " end="
                    + h.endStream() + " endHeaders=" + h.endHeaders() + " " + h.priority();
            case Frame.PushPromise p -> "PUSH_PROMISE " + p.streamId() + " " + p.promisedStreamId() + " "
                    + hex.formatHex(p.fragment()) + " " + p.endHeaders();
            case Frame.GoAway g -> "GOAWAY " + g.lastStreamId() + " " + g.errorCode() + " "
                    + hex.formatHex(g.debugData());
            case Frame.Continuation c -> "CONTINUATION " + c.streamId() + " " + hex.formatHex(c.fragment()) + " "
                    + c.endHeaders();
            default -> frame.toString();
        };
    }

    static byte[] concat(List<ByteBuffer> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer frame : frames) {
            byte[] bytes = new byte[frame.remaining()];
            frame.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    static List<String> readAll(FrameReader reader, byte[] bytes, int... cuts) {
        List<String> seen = new ArrayList<>();
        int from = 0;
        List<Integer> ends = new ArrayList<>();
        for (int cut : cuts) {
            ends.add(cut);
        }
        ends.add(bytes.length);
        for (int end : ends) {
            ByteBuffer piece = ByteBuffer.wrap(bytes, from, end - from);
            Frame frame;
            while ((frame = reader.next(piece)) != null) {
                seen.add(describe(frame));
            }
            assertThat(piece.hasRemaining()).isFalse();
            from = end;
        }
        return seen;
    }

    static List<ByteBuffer> everyKind() {
        byte[] block = new byte[40_000];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) i;
        }
        return List.of(
                FrameWriter.settings(Http2Settings.DEFAULT.toFrameSettings()),
                FrameWriter.settingsAck(),
                FrameWriter.headers(1, new byte[] {(byte) 0x82, (byte) 0x86}, false, 16_384),
                FrameWriter.headers(3, block, true, 16_384),
                FrameWriter.data(1, ByteBuffer.wrap("hello".getBytes()), false),
                FrameWriter.data(1, ByteBuffer.allocate(0), true),
                FrameWriter.priority(5, 3, true, 256),
                FrameWriter.rstStream(3, ErrorCode.CANCEL),
                FrameWriter.pushPromise(1, 2, new byte[] {(byte) 0x82}, 16_384),
                FrameWriter.ping(false, 0x0102030405060708L),
                FrameWriter.ping(true, -1L),
                FrameWriter.goAway(7, ErrorCode.ENHANCE_YOUR_CALM, "calm".getBytes()),
                FrameWriter.windowUpdate(0, 1 << 20),
                FrameWriter.windowUpdate(1, 10),
                FrameWriter.frame(0xfa, 0x3, 9, new byte[] {1, 2, 3}));
    }

    @Test
    void everyFrameTypeParsesTheSameWhateverTheSplit() {
        byte[] bytes = concat(everyKind());
        List<String> whole = readAll(new FrameReader(16_384), bytes);
        assertThat(whole).hasSize(17);
        assertThat(whole.get(0)).contains("Setting[id=3, value=100]");
        assertThat(whole.get(3)).startsWith("HEADERS 3 ").contains("end=true endHeaders=false");
        assertThat(whole.get(4)).startsWith("CONTINUATION 3 ").endsWith("false");
        assertThat(whole.get(5)).startsWith("CONTINUATION 3 ").endsWith("true");
        assertThat(whole.get(6)).isEqualTo("DATA 1 68656c6c6f end=false flow=5");
        assertThat(whole.get(8)).isEqualTo("Priority[streamId=5, priority=PriorityFields[dependency=3, exclusive=true, weight=256]]");
        assertThat(whole.get(10)).isEqualTo("PUSH_PROMISE 1 2 82 true");
        assertThat(whole.get(11)).isEqualTo("Ping[ack=false, opaque=72623859790382856]");
        assertThat(whole.get(13)).isEqualTo("GOAWAY 7 11 63616c6d");
        assertThat(whole.get(16)).isEqualTo("Unknown[type=250, streamId=9, flags=3, length=3]");
        for (int cut = 0; cut < bytes.length; cut += 97) {
            assertThat(readAll(new FrameReader(16_384), bytes, cut)).isEqualTo(whole);
        }
        int[] everyByte = new int[400];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(readAll(new FrameReader(16_384), bytes, everyByte)).isEqualTo(whole);
    }

    @Test
    void paddedHeadersWithPriorityLoseTheirPadding() {
        byte[] payload = {2, (byte) 0x80, 0, 0, 3, 15, (byte) 0x82, 0, 0};
        Frame frame = new FrameReader(16_384).next(FrameWriter.frame(1, 0x8 | 0x20 | 0x4 | 0x1, 5, payload));
        assertThat(describe(frame)).isEqualTo(
                "HEADERS 5 82 end=true endHeaders=true PriorityFields[dependency=3, exclusive=true, weight=16]");
        Frame data = new FrameReader(16_384).next(FrameWriter.frame(0, 0x8, 5, new byte[] {3, 'h', 'i', 0, 0, 0}));
        assertThat(describe(data)).isEqualTo("DATA 5 6869 end=false flow=6");
    }

    static void assertError(byte[] bytes, ErrorCode code, int stream) {
        assertThatThrownBy(() -> readAll(new FrameReader(16_384), bytes))
                .isInstanceOfSatisfying(Http2Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.streamId()).isEqualTo(stream);
                });
    }

    static byte[] bytes(ByteBuffer frame) {
        return concat(List.of(frame));
    }

    @Test
    void frameAboveTheMaximumSizeIsAFrameSizeErrorAsSoonAsItsHeaderArrives() {
        byte[] header = {0, 0x40, 0x01, 0, 0, 0, 0, 0, 1};
        assertThatThrownBy(() -> new FrameReader(16_384).next(ByteBuffer.wrap(header)))
                .isInstanceOfSatisfying(Http2Exception.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_SIZE_ERROR));
        FrameReader larger = new FrameReader(16_384);
        larger.setMaxFrameSize(1 << 20);
        assertThat(larger.next(ByteBuffer.wrap(header))).isNull();
    }

    @Test
    void malformedFramesAreTheRightErrors() {
        assertError(bytes(FrameWriter.frame(0, 0x8, 1, new byte[] {5, 1, 2})), ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.frame(0, 0, 0, new byte[] {1})), ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.frame(6, 0, 0, new byte[7])), ErrorCode.FRAME_SIZE_ERROR, 0);
        assertError(bytes(FrameWriter.frame(6, 0, 1, new byte[8])), ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.frame(4, 0, 0, new byte[5])), ErrorCode.FRAME_SIZE_ERROR, 0);
        assertError(bytes(FrameWriter.frame(4, 1, 0, new byte[6])), ErrorCode.FRAME_SIZE_ERROR, 0);
        assertError(bytes(FrameWriter.frame(4, 0, 3, new byte[0])), ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.ENABLE_PUSH, 2)))),
                ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.MAX_FRAME_SIZE, 100)))),
                ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.settings(List.of(new Frame.Setting(Http2Settings.INITIAL_WINDOW_SIZE,
                0x80000000L)))), ErrorCode.FLOW_CONTROL_ERROR, 0);
        assertError(bytes(FrameWriter.frame(2, 0, 1, new byte[4])), ErrorCode.FRAME_SIZE_ERROR, 1);
        assertError(bytes(FrameWriter.frame(3, 0, 1, new byte[3])), ErrorCode.FRAME_SIZE_ERROR, 0);
        assertError(bytes(FrameWriter.frame(8, 0, 3, new byte[4])), ErrorCode.PROTOCOL_ERROR, 3);
        assertError(bytes(FrameWriter.frame(8, 0, 0, new byte[4])), ErrorCode.PROTOCOL_ERROR, 0);
        assertError(bytes(FrameWriter.frame(7, 0, 0, new byte[7])), ErrorCode.FRAME_SIZE_ERROR, 0);
        assertError(bytes(FrameWriter.frame(9, 0, 0, new byte[1])), ErrorCode.PROTOCOL_ERROR, 0);
    }

    @Test
    void streamErrorLeavesTheReaderAtTheNextFrame() {
        byte[] bytes = concat(List.of(FrameWriter.frame(2, 0, 1, new byte[4]), FrameWriter.ping(false, 7)));
        FrameReader reader = new FrameReader(16_384);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThatThrownBy(() -> reader.next(in)).isInstanceOf(Http2Exception.class);
        assertThat(reader.next(in)).isEqualTo(new Frame.Ping(false, 7));
    }
}
