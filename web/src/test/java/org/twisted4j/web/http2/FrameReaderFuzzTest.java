package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.web.Splits;

/**
 * Fuzzes the HTTP/2 frame reader with arbitrary octets (what follows the connection preface), under a maximum
 * frame size taken from the fuzz data. Asserted:
 * <ul>
 *   <li>the frames, stream errors and connection error read are the same whatever pieces the octets arrive in,
 *       and only {@link Http2Exception} escapes;
 *   <li>a frame announcing more than the maximum frame size is a FRAME_SIZE_ERROR connection error as soon as
 *       its 9-octet header is in, with none of its payload taken (so none buffered); an error about a frame
 *       within the maximum comes only once all of it is in; no frame read carries more than the maximum;
 *   <li>every frame read, written again with the {@link FrameWriter} method for its type, reads back as the same
 *       frame (a header block cut into HEADERS or PUSH_PROMISE and CONTINUATION frames of the writer's size).
 * </ul>
 */
class FrameReaderFuzzTest {

    @FuzzTest
    void framesReadTheSameHoweverSplitAndWriteBack(FuzzedDataProvider data) {
        int maxFrameSize = data.consumeInt(0, Http2Settings.MIN_MAX_FRAME_SIZE);
        int writerFrameSize = data.consumeInt(5, Http2Settings.MIN_MAX_FRAME_SIZE);
        Splits splits = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();

        Reading whole = new Reading(input, maxFrameSize);
        whole.read(List.of(ByteBuffer.wrap(input)));
        Reading pieces = new Reading(input, maxFrameSize);
        pieces.read(splits.of(input));
        assertThat(pieces.events).isEqualTo(whole.events);
        for (Frame frame : whole.frames) {
            assertWritesBack(frame, writerFrameSize);
        }
    }

    /** Reads one input, recording what came out and checking where each frame and error ended. */
    private static final class Reading {
        final List<String> events = new ArrayList<>();
        final List<Frame> frames = new ArrayList<>();
        private final byte[] input;
        private final int maxFrameSize;
        private final FrameReader reader;
        private int frameStart;

        Reading(byte[] input, int maxFrameSize) {
            this.input = input;
            this.maxFrameSize = maxFrameSize;
            this.reader = new FrameReader(maxFrameSize);
        }

        /** Reads the pieces, which wrap {@link #input} so that their positions are offsets into it. */
        void read(List<ByteBuffer> pieces) {
            for (ByteBuffer piece : pieces) {
                if (!readPiece(piece)) {
                    return;
                }
            }
        }

        /** Returns false after a connection error, which ends the reading. */
        private boolean readPiece(ByteBuffer piece) {
            while (true) {
                Frame frame;
                try {
                    frame = reader.next(piece);
                } catch (Http2Exception e) {
                    refused(e, piece.position());
                    if (e.isConnectionError()) {
                        return false;
                    }
                    frameStart = piece.position();
                    continue;
                }
                if (frame == null) {
                    assertThat(piece.hasRemaining()).isFalse();
                    return true;
                }
                assertThat(piece.position() - frameStart).isEqualTo(FrameType.HEADER_LENGTH + announced());
                assertWithinMaximum(frame, maxFrameSize);
                frames.add(frame);
                events.add(FrameReaderTest.describe(frame));
                frameStart = piece.position();
            }
        }

        private void refused(Http2Exception e, int position) {
            int taken = position - frameStart;
            if (announced() > maxFrameSize) {
                assertThat(e.code()).isEqualTo(ErrorCode.FRAME_SIZE_ERROR);
                assertThat(e.isConnectionError()).isTrue();
                assertThat(taken).isEqualTo(FrameType.HEADER_LENGTH);
            } else {
                assertThat(taken).isEqualTo(FrameType.HEADER_LENGTH + announced());
            }
            events.add("error " + e.code() + " on " + e.streamId());
        }

        /** The length in the header of the frame being read. */
        private int announced() {
            return ((input[frameStart] & 0xff) << 16) | ((input[frameStart + 1] & 0xff) << 8)
                    | (input[frameStart + 2] & 0xff);
        }
    }

    private static void assertWithinMaximum(Frame frame, int max) {
        int carried = switch (frame) {
            case Frame.Data d -> {
                assertThat(d.data().length).isLessThanOrEqualTo(d.flowLength());
                yield d.flowLength();
            }
            case Frame.Headers h -> h.fragment().length;
            case Frame.PushPromise p -> p.fragment().length + 4;
            case Frame.Continuation c -> c.fragment().length;
            case Frame.GoAway g -> g.debugData().length + 8;
            case Frame.Settings s -> 6 * s.settings().size();
            case Frame.Unknown u -> u.length();
            default -> 0;
        };
        assertThat(carried).isLessThanOrEqualTo(max);
    }

    /** Writes {@code frame} with the writer's method for its type and checks what reads back. */
    private static void assertWritesBack(Frame frame, int writerFrameSize) {
        switch (frame) {
            case Frame.Headers h -> assertHeaderBlock(
                    FrameWriter.headers(h.streamId(), h.fragment(), h.endStream(), writerFrameSize), h.streamId(),
                    h.fragment(), 0, writerFrameSize, first -> {
                        Frame.Headers headers = (Frame.Headers) first;
                        assertThat(headers.endStream()).isEqualTo(h.endStream());
                        assertThat(headers.priority()).isNull();
                        return headers.fragment();
                    });
            case Frame.PushPromise p -> assertHeaderBlock(
                    FrameWriter.pushPromise(p.streamId(), p.promisedStreamId(), p.fragment(), writerFrameSize),
                    p.streamId(), p.fragment(), 4, writerFrameSize, first -> {
                        Frame.PushPromise promise = (Frame.PushPromise) first;
                        assertThat(promise.promisedStreamId()).isEqualTo(p.promisedStreamId());
                        return promise.fragment();
                    });
            default -> assertThat(FrameReaderTest.describe(readOne(rewrite(frame))))
                    .isEqualTo(FrameReaderTest.describe(expectedBack(frame)));
        }
    }

    private static ByteBuffer rewrite(Frame frame) {
        return switch (frame) {
            case Frame.Data d -> FrameWriter.data(d.streamId(), ByteBuffer.wrap(d.data()), d.endStream());
            case Frame.Priority p -> FrameWriter.priority(p.streamId(), p.priority().dependency(),
                    p.priority().exclusive(), p.priority().weight());
            case Frame.RstStream r -> FrameWriter.rstStream(r.streamId(), ErrorCode.of(r.errorCode()));
            case Frame.Settings s -> s.ack() ? FrameWriter.settingsAck() : FrameWriter.settings(s.settings());
            case Frame.Ping p -> FrameWriter.ping(p.ack(), p.opaque());
            case Frame.GoAway g -> FrameWriter.goAway(g.lastStreamId(), ErrorCode.of(g.errorCode()), g.debugData());
            case Frame.WindowUpdate w -> FrameWriter.windowUpdate(w.streamId(), w.increment());
            case Frame.Continuation c -> FrameWriter.frame(FrameType.CONTINUATION.code(),
                    c.endHeaders() ? FrameType.FLAG_END_HEADERS : 0, c.streamId(), c.fragment());
            case Frame.Unknown u -> FrameWriter.frame(u.type(), u.flags(), u.streamId(), new byte[u.length()]);
            case Frame.Headers h -> throw new AssertionError("header blocks are checked apart: " + h);
            case Frame.PushPromise p -> throw new AssertionError("header blocks are checked apart: " + p);
        };
    }

    /** What a frame reads back as once written: the same, but for what the writers cannot say. */
    private static Frame expectedBack(Frame frame) {
        return switch (frame) {
            case Frame.Data d -> new Frame.Data(d.streamId(), d.data(), d.endStream(), d.data().length);
            case Frame.RstStream r -> new Frame.RstStream(r.streamId(), ErrorCode.of(r.errorCode()).code());
            case Frame.GoAway g -> new Frame.GoAway(g.lastStreamId(), ErrorCode.of(g.errorCode()).code(),
                    g.debugData());
            default -> frame;
        };
    }

    /** Checks a header block written as a first frame of {@code prefix} fixed octets and CONTINUATION frames. */
    private static void assertHeaderBlock(ByteBuffer written, int streamId, byte[] block, int prefix, int frameSize,
            java.util.function.Function<Frame, byte[]> firstFragment) {
        List<Frame> back = readAll(written);
        ByteArrayOutputStream gathered = new ByteArrayOutputStream();
        for (int i = 0; i < back.size(); i++) {
            Frame frame = back.get(i);
            boolean last = i == back.size() - 1;
            assertThat(frame.streamId()).isEqualTo(streamId);
            byte[] fragment;
            if (i == 0) {
                fragment = firstFragment.apply(frame);
                assertThat(endHeaders(frame)).isEqualTo(last);
            } else {
                Frame.Continuation continuation = (Frame.Continuation) frame;
                fragment = continuation.fragment();
                assertThat(continuation.endHeaders()).isEqualTo(last);
            }
            int room = frameSize - (i == 0 ? prefix : 0);
            assertThat(fragment.length).isLessThanOrEqualTo(room);
            if (!last) {
                assertThat(fragment.length).isEqualTo(room);
            }
            gathered.writeBytes(fragment);
        }
        assertThat(gathered.toByteArray()).isEqualTo(block);
    }

    private static boolean endHeaders(Frame frame) {
        return switch (frame) {
            case Frame.Headers h -> h.endHeaders();
            case Frame.PushPromise p -> p.endHeaders();
            default -> throw new AssertionError("not the start of a header block: " + frame);
        };
    }

    private static List<Frame> readAll(ByteBuffer written) {
        FrameReader reader = new FrameReader(Http2Settings.MAX_MAX_FRAME_SIZE);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = reader.next(written)) != null) {
            frames.add(frame);
        }
        assertThat(written.hasRemaining()).isFalse();
        return frames;
    }

    private static Frame readOne(ByteBuffer written) {
        List<Frame> frames = readAll(written);
        assertThat(frames).hasSize(1);
        return frames.getFirst();
    }
}
