package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes SSH compression's inflating side (what a peer's compressed payloads become) and the round trip.
 *
 * <p>Invariants: any sequence of payloads inflates or ends in {@link SshProtocolException} with
 * {@code COMPRESSION_ERROR}, and nothing inflated is longer than {@link ZlibStream#MAX_INFLATED}; payloads
 * deflated one by one inflate back to themselves, in order.
 */
class ZlibStreamFuzzTest {

    @FuzzTest
    void payloadsInflateWithinTheLimitOrAreCompressionErrors(FuzzedDataProvider data) {
        ZlibStream in = ZlibStream.inflating();
        try {
            int count = data.consumeInt(1, 6);
            for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
                byte[] packet = i == count - 1 ? data.consumeRemainingAsBytes()
                        : data.consumeBytes(data.consumeInt(0, 4096));
                byte[] inflated = in.inflate(packet);
                assertThat(inflated.length).isLessThanOrEqualTo(ZlibStream.MAX_INFLATED);
            }
        } catch (SshProtocolException e) {
            assertThat(e.reason()).isEqualTo(DisconnectReason.COMPRESSION_ERROR);
        } finally {
            in.end();
        }
    }

    @FuzzTest
    void deflatedPayloadsInflateBack(FuzzedDataProvider data) throws SshProtocolException {
        ZlibStream out = ZlibStream.deflating();
        ZlibStream in = ZlibStream.inflating();
        try {
            List<byte[]> sent = new ArrayList<>();
            int count = data.consumeInt(1, 8);
            for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
                byte[] payload = data.consumeBytes(data.consumeInt(0, 8192));
                int repeat = data.consumeInt(1, 16);
                byte[] repeated = new byte[payload.length * repeat];
                for (int r = 0; r < repeat; r++) {
                    System.arraycopy(payload, 0, repeated, r * payload.length, payload.length);
                }
                sent.add(repeated);
            }
            for (byte[] payload : sent) {
                assertThat(in.inflate(out.deflate(payload, 0, payload.length))).isEqualTo(payload);
            }
        } finally {
            out.end();
            in.end();
        }
    }
}
