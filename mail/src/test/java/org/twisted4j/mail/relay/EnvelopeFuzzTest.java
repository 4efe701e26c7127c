package org.twisted4j.mail.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the relay queue's envelope file parser (a queue directory is read back on start): only
 * {@link IllegalArgumentException} escapes, and what parses writes back to bytes that parse to the same envelope.
 */
class EnvelopeFuzzTest {

    @FuzzTest
    void parseThenWriteRoundTrips(byte[] input) {
        Envelope envelope;
        try {
            envelope = Envelope.parse("id", input);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertThat(envelope.recipients()).isNotEmpty().noneMatch(r -> r.isNull());
        assertThat(Envelope.parse("id", envelope.toBytes())).isEqualTo(envelope);
    }
}
