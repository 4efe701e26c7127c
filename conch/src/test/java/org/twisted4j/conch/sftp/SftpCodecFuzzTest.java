package org.twisted4j.conch.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the SFTP decoder and framer: a stream of length-prefixed packets, cut at fuzzed points.
 *
 * <p>Invariants: the framer gives the same packets and oversize reports however the stream is split, never holds
 * more than the limit, and consumes everything; the decoder throws nothing but {@link SftpProtocolException};
 * a packet it reads writes back to octets that read as a packet writing back the same octets.
 */
class SftpCodecFuzzTest {

    @FuzzTest
    void packetsDecodeOrAreBadMessagesAndWriteBack(FuzzedDataProvider data) {
        int limit = data.consumeInt(9, 4096);
        int cuts = data.consumeInt(0, 8);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = data.consumeInt(0, 1 << 16);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        List<String> whole = frame(limit, stream, new int[0], false);
        // Cut, and with DATA and WRITE packets read into buffers the sink gives: the same packets.
        List<String> pieces = frame(limit, stream, at, true);
        assertThat(pieces).isEqualTo(whole);
    }

    /** Frames the stream (cut at the given offsets) and decodes each packet, describing what happened. */
    private static List<String> frame(int limit, byte[] stream, int[] cuts, boolean offerBuffers) {
        List<String> events = new ArrayList<>();
        SftpFramer framer = new SftpFramer(limit, new SftpFramer.Sink() {
            @Override
            public void packet(byte[] payload) {
                assertThat(payload.length).isBetween(1, limit);
                events.add(decode(payload));
            }

            @Override
            public void oversized(int type, long requestId, long length) {
                assertThat(length).isGreaterThan(limit);
                events.add("oversized " + type + " " + requestId);
            }

            @Override
            public void empty() {
                events.add("empty");
            }

            @Override
            public ByteBuffer buffer(int type, int length) {
                boolean bulk = type == SftpConstants.FXP_DATA || type == SftpConstants.FXP_WRITE;
                return offerBuffers && bulk ? ByteBuffer.allocate(length + 2).position(1) : null;
            }

            @Override
            public void packet(ByteBuffer payload) {
                byte[] copy = new byte[payload.remaining()];
                payload.get(copy);
                packet(copy);
            }
        });
        int[] sorted = cuts.clone();
        Arrays.sort(sorted);
        int from = 0;
        for (int cut : sorted) {
            int to = Math.min(cut, stream.length);
            if (to > from) {
                feed(framer, Arrays.copyOfRange(stream, from, to), limit);
                from = to;
            }
        }
        feed(framer, Arrays.copyOfRange(stream, from, stream.length), limit);
        return events;
    }

    private static void feed(SftpFramer framer, byte[] piece, int limit) {
        ByteBuffer buffer = ByteBuffer.wrap(piece);
        framer.feed(buffer);
        assertThat(buffer.hasRemaining()).isFalse();
        assertThat(framer.buffered()).isLessThanOrEqualTo(limit + 9);
    }

    private static String decode(byte[] payload) {
        SftpPacket packet;
        try {
            packet = SftpCodec.decode(payload);
        } catch (SftpProtocolException e) {
            if (payload.length >= 5 && (payload[0] & 0xff) != SftpConstants.FXP_INIT
                    && (payload[0] & 0xff) != SftpConstants.FXP_VERSION) {
                long id = ((payload[1] & 0xffL) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8)
                        | (payload[4] & 0xff);
                assertThat(e.requestId()).isIn(id, SftpProtocolException.NO_ID);
            }
            return "bad " + e.requestId();
        }
        byte[] written = SftpCodec.encode(packet);
        SftpPacket again;
        try {
            again = SftpCodec.decode(Arrays.copyOfRange(written, 4, written.length));
        } catch (SftpProtocolException e) {
            throw new AssertionError("a packet written back does not read: " + packet, e);
        }
        assertThat(again.type()).isEqualTo(packet.type());
        assertThat(SftpCodec.encode(again)).isEqualTo(written);
        return "packet " + Arrays.toString(written);
    }
}
