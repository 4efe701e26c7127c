package org.twisted4j.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.web.Splits;

/**
 * Fuzzes the WebSocket frame parser with arbitrary octets, on a server (frames must be masked) or a client (they
 * must not be), with or without permessage-deflate's RSV1 allowed, under a frame size limit from the fuzz data.
 * Asserted:
 * <ul>
 *   <li>frame for frame, it agrees with the header rules of RFC 6455 §5.2 read independently here: each frame is
 *       delivered with its opcode, FIN, RSV1 and unmasked payload; the first frame breaking a rule is refused with
 *       1002 (reserved bits, unknown opcode, a fragmented or over-125-byte control frame, the wrong masking for
 *       the side, a 64-bit length with its top bit set) or 1009 (over the limit), and at the octet where the rule
 *       breaks: the second for the first four, the header's last for a length, so that a frame announcing 2^62
 *       bytes is refused before any of its payload is taken;
 *   <li>the payload buffer it holds grows with the octets that arrived, never to what a length claims;
 *   <li>it parses the same whatever pieces the octets arrive in;
 *   <li>the frames parsed, written again by a {@link FrameSender} of the other side (masking with fuzzed keys when
 *       that is a client), parse back the same (RSV1 aside, which only a compressor sets); written by a sender of
 *       the same side, the first of them is refused with 1002.
 * </ul>
 */
class FrameParserFuzzTest {
    private static final HexFormat HEX = HexFormat.of();

    @FuzzTest
    void framesParseByTheRulesHoweverSplitAndWriteBack(FuzzedDataProvider data) {
        boolean server = data.consumeBoolean();
        boolean rsv1Allowed = data.consumeBoolean();
        long maxFrameSize = data.consumeLong(0, 1 << 16);
        long maskSeed = data.consumeLong();
        Splits splits = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();

        Parse whole = new Parse(server, rsv1Allowed, maxFrameSize);
        whole.feed(List.of(ByteBuffer.wrap(input)));
        assertThat(whole.events).isEqualTo(expected(input, server, rsv1Allowed, maxFrameSize));
        Parse pieces = new Parse(server, rsv1Allowed, maxFrameSize);
        pieces.feed(splits.of(input));
        assertThat(pieces.events).isEqualTo(whole.events);

        List<Frame> frames = whole.frames;
        Parse back = new Parse(server, rsv1Allowed, maxFrameSize);
        back.feed(List.of(ByteBuffer.wrap(write(frames, server, maskSeed))));
        List<String> expectedBack = new ArrayList<>();
        for (Frame frame : frames) {
            expectedBack.add(new Frame(frame.opcode, frame.fin, false, frame.payload).toString());
        }
        assertThat(back.events).isEqualTo(expectedBack);
        if (!frames.isEmpty()) {
            Parse wrongSide = new Parse(server, rsv1Allowed, maxFrameSize);
            wrongSide.feed(List.of(ByteBuffer.wrap(write(frames, !server, maskSeed))));
            assertThat(wrongSide.events).containsExactly("refused 1002 at 2");
        }
    }

    record Frame(int opcode, boolean fin, boolean rsv1, byte[] payload) {
        @Override
        public String toString() {
            return "frame " + opcode + (fin ? " fin" : "") + (rsv1 ? " rsv1" : "") + " " + HEX.formatHex(payload);
        }
    }

    /** One parser and what it delivered; the pieces wrap one array, so their positions are offsets into it. */
    private static final class Parse implements FrameParser.Sink {
        final List<String> events = new ArrayList<>();
        final List<Frame> frames = new ArrayList<>();
        private final FrameParser parser;
        private final long maxFrameSize;
        private long fed;

        Parse(boolean server, boolean rsv1Allowed, long maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            parser = new FrameParser(server, maxFrameSize, this);
            if (rsv1Allowed) {
                parser.allowRsv1();
            }
        }

        void feed(List<ByteBuffer> pieces) {
            for (ByteBuffer piece : pieces) {
                fed += piece.remaining();
                try {
                    parser.feed(piece);
                } catch (ProtocolViolation violation) {
                    events.add("refused " + violation.code() + " at " + piece.position());
                    return;
                }
                assertThat(piece.hasRemaining()).isFalse();
                assertThat((long) parser.payloadCapacity())
                        .isLessThanOrEqualTo(Math.min(maxFrameSize, Math.max(FrameParser.FIRST_PAYLOAD_BUFFER, 2 * fed)));
            }
        }

        @Override
        public void frame(int opcode, boolean fin, boolean rsv1, ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            Frame frame = new Frame(opcode, fin, rsv1, bytes);
            frames.add(frame);
            events.add(frame.toString());
        }
    }

    /** Reads the frames of {@code input} by RFC 6455 §5.2, independently of the parser. */
    private static List<String> expected(byte[] input, boolean server, boolean rsv1Allowed, long maxFrameSize) {
        List<String> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= 2) {
            int start = in.position();
            int first = in.get() & 0xff;
            int second = in.get() & 0xff;
            int opcode = first & 0x0f;
            boolean control = opcode >= 8;
            boolean known = opcode <= 2 || (opcode >= 8 && opcode <= 10);
            boolean masked = (second & 0x80) != 0;
            int shortLength = second & 0x7f;
            boolean rsv1 = (first & 0x40) != 0;
            if ((first & 0x30) != 0 || (rsv1 && (!rsv1Allowed || control)) || !known
                    || (control && ((first & 0x80) == 0 || shortLength > 125)) || masked != server) {
                events.add("refused 1002 at " + (start + 2));
                return events;
            }
            int extended = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
            if (in.remaining() < extended + (masked ? 4 : 0)) {
                return events;
            }
            long length = extended == 2 ? in.getShort() & 0xffff : extended == 8 ? in.getLong() : shortLength;
            byte[] key = new byte[4];
            if (masked) {
                in.get(key);
            }
            if (length < 0 || length > maxFrameSize) {
                events.add("refused " + (length < 0 ? 1002 : 1009) + " at " + in.position());
                return events;
            }
            if (in.remaining() < length) {
                return events;
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
            events.add(new Frame(opcode, (first & 0x80) != 0, rsv1, payload).toString());
        }
        return events;
    }

    /** Writes {@code frames} as a {@link FrameSender} of a client ({@code masking}) or a server does. */
    private static byte[] write(List<Frame> frames, boolean masking, long maskSeed) {
        StringTransport transport = new StringTransport();
        Random keys = new Random(maskSeed);
        FrameSender sender = new FrameSender(transport, masking ? keys::nextInt : null, null);
        int messageType = Frames.BINARY;
        for (Frame frame : frames) {
            switch (frame.opcode) {
                case Frames.TEXT, Frames.BINARY -> {
                    messageType = frame.opcode;
                    sender.data(messageType, true, frame.fin, ByteBuffer.wrap(frame.payload));
                }
                case Frames.CONTINUATION -> sender.data(messageType, false, frame.fin, ByteBuffer.wrap(frame.payload));
                case Frames.CLOSE, Frames.PING, Frames.PONG -> sender.control(frame.opcode, ByteBuffer.wrap(frame.payload));
                default -> fail("the parser delivered opcode " + frame.opcode);
            }
        }
        return transport.value();
    }
}
