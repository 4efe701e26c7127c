package org.twisted4j.mail.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Feeds input to an incremental parser cut at given points, checking what it holds stays within a bound. */
final class Pieces {
    private Pieces() {
    }

    static void feed(byte[] input, int[] at, Consumer<ByteBuffer> parser, LongSupplier held, long bound) {
        int[] cuts = at.clone();
        Arrays.sort(cuts);
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(Math.max(cut, from), input.length);
            parser.accept(ByteBuffer.wrap(input, from, to - from));
            assertThat(held.getAsLong()).isLessThanOrEqualTo(bound);
            from = to;
        }
        parser.accept(ByteBuffer.wrap(input, from, input.length - from));
        assertThat(held.getAsLong()).isLessThanOrEqualTo(bound);
    }
}
