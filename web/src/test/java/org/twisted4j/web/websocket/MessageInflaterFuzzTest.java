package org.twisted4j.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.twisted4j.web.Splits;

/**
 * Fuzzes permessage-deflate (RFC 7692 §7.2): arbitrary octets, cut into frames and messages where the fuzz data
 * says, are inflated as compressed messages by a {@link MessageInflater} under a message size limit from the fuzz
 * data, and the same octets, as message pieces, go through a {@link MessageDeflater} and back through a second
 * inflater; with or without context takeover. Asserted:
 * <ul>
 *   <li>whatever the compressed input (zip bombs among the seeds), an inflated message never grows past the limit,
 *       and the only failures are {@link ProtocolViolation}s 1009 (too big) and 1007 (not deflate data);
 *   <li>deflated then inflated, every message comes back the same, message after message, each piece compressed
 *       as a streamed message's piece is.
 * </ul>
 */
class MessageInflaterFuzzTest {

    @FuzzTest
    void inflatedMessagesStayWithinTheLimitAndDeflateBack(FuzzedDataProvider data) {
        int maxMessageSize = data.consumeInt(0, 1 << 16);
        boolean noContextTakeover = data.consumeBoolean();
        int messageEnds = data.consumeInt();
        Splits frames = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();
        List<ByteBuffer> pieces = frames.of(input);

        MessageInflater inflater = new MessageInflater(noContextTakeover);
        MessageBuffer message = new MessageBuffer(maxMessageSize);
        try {
            for (int i = 0; i < pieces.size(); i++) {
                boolean last = endsMessage(messageEnds, i, pieces.size());
                inflater.inflate(pieces.get(i).duplicate(), last, message);
                assertThat(message.size()).isLessThanOrEqualTo(maxMessageSize);
                if (last) {
                    message.take();
                }
            }
        } catch (ProtocolViolation violation) {
            assertThat(violation.code()).isIn(CloseCodes.MESSAGE_TOO_BIG, CloseCodes.INVALID_PAYLOAD);
            assertThat(message.size()).isLessThanOrEqualTo(maxMessageSize);
        } finally {
            inflater.release();
        }
        assertRoundTrip(pieces, messageEnds, noContextTakeover);
    }

    private static boolean endsMessage(int messageEnds, int piece, int pieces) {
        return piece == pieces - 1 || (messageEnds >>> (piece & 31) & 1) == 1;
    }

    private static void assertRoundTrip(List<ByteBuffer> pieces, int messageEnds, boolean noContextTakeover) {
        MessageDeflater deflater = new MessageDeflater(noContextTakeover);
        MessageInflater inflater = new MessageInflater(noContextTakeover);
        MessageBuffer inflated = new MessageBuffer(WebSocketOptions.MESSAGE_SIZE_CEILING);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < pieces.size(); i++) {
                boolean last = endsMessage(messageEnds, i, pieces.size());
                ByteBuffer piece = pieces.get(i);
                sent.write(piece.array(), piece.position(), piece.remaining());
                inflater.inflate(deflater.compress(piece.duplicate(), last), last, inflated);
                if (last) {
                    ByteBuffer got = inflated.take();
                    byte[] received = new byte[got.remaining()];
                    got.get(received);
                    assertThat(received).isEqualTo(sent.toByteArray());
                    sent.reset();
                }
            }
        } catch (ProtocolViolation violation) {
            throw new AssertionError("our own deflate output was refused", violation);
        } finally {
            deflater.release();
            inflater.release();
        }
    }
}
