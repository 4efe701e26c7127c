package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

/**
 * One encoded body passed, piece by piece, through a {@link DecodedResponse} with a decoder and a size limit, as
 * the {@link ContentDecoderAgent} does: what the receiver got, and how the body ended. For the decoders' fuzz
 * targets, which check that the receiver never gets more than the limit and that only the documented failures
 * happen.
 */
final class DecodingRun implements BodyReceiver {

    private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    private final long limit;
    private boolean finished;
    private @Nullable Throwable failure;

    private DecodingRun(long limit) {
        this.limit = limit;
    }

    /**
     * Decodes the pieces, as a body that then ends, and checks each event as it comes: decoded bytes only while
     * the body is open and never past the limit, one end or one failure, the failure a {@link ZipException},
     * an {@link EOFException} or a {@link DecodedBodyTooLarge}.
     *
     * @param decoder makes the body's decoder
     * @param limit the most decoded bytes allowed
     * @param pieces the encoded body
     * @return the outcome
     */
    static DecodingRun decode(Supplier<ContentDecoder> decoder, long limit, List<ByteBuffer> pieces) {
        DecodingRun run = new DecodingRun(limit);
        FakeResponse raw = FakeResponse.streaming(200, "http://a.example/");
        new DecodedResponse(raw, new Headers(), List.of(decoder.get()), limit).deliverBody(run);
        try {
            for (ByteBuffer piece : pieces) {
                byte[] bytes = new byte[piece.remaining()];
                piece.get(bytes);
                raw.feed(bytes);
            }
            raw.finish();
        } catch (Exception thrown) {
            // The connection passes a failure of dataReceived on to the receiver (done) and closes.
            assertThat(run.failure).isSameAs(thrown);
        }
        assertThat(run.finished || run.failure != null).as("the body ended").isTrue();
        return run;
    }

    /** Returns what the receiver got. */
    byte[] bytes() {
        return decoded.toByteArray();
    }

    /** Returns why the body failed, or null if it finished. */
    @Nullable Throwable failure() {
        return failure;
    }

    @Override
    public void dataReceived(ByteBuffer piece) {
        assertThat(finished || failure != null).as("data after the end").isFalse();
        byte[] bytes = new byte[piece.remaining()];
        piece.get(bytes);
        decoded.writeBytes(bytes);
        assertThat((long) decoded.size()).isLessThanOrEqualTo(limit);
    }

    @Override
    public void bodyFinished() {
        assertThat(finished || failure != null).as("a second end").isFalse();
        finished = true;
    }

    @Override
    public void bodyFailed(Failure reason) {
        assertThat(finished || failure != null).as("a second end").isFalse();
        assertThat(reason.value()).isInstanceOfAny(ZipException.class, EOFException.class, DecodedBodyTooLarge.class);
        failure = reason.value();
    }
}
