package org.twisted4j.web.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the event-stream reader with arbitrary bytes, whole and cut at two fuzzed places.
 *
 * <p>Invariants: only {@link EventStreamTooLarge} escapes; both readings give the same events and retries, and
 * fail at the same point; no event's data is longer than the limit.
 */
class EventStreamParserFuzzTest {

    private static final int LIMIT = 256;

    private static List<String> read(byte[] stream, int... cuts) {
        List<String> heard = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser(new EventStreamParser.Listener() {
            @Override
            public void event(ServerSentEvent event) {
                assertThat(event.data().length()).isLessThanOrEqualTo(LIMIT);
                heard.add(event.id() + "|" + event.event() + "|" + event.data());
            }

            @Override
            public void retry(long millis) {
                assertThat(millis).isNotNegative();
                heard.add("retry " + millis);
            }
        }, null);
        parser.setMaxEventChars(LIMIT);
        int from = 0;
        try {
            for (int cut : cuts) {
                parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(stream, from, cut)));
                from = cut;
            }
            parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(stream, from, stream.length)));
            parser.end();
        } catch (EventStreamTooLarge refused) {
            heard.add("too large");
        }
        return heard;
    }

    @FuzzTest
    void anySplitReadsTheSameWithinTheLimit(FuzzedDataProvider data) {
        int first = data.consumeInt(0, 1 << 16);
        int second = data.consumeInt(0, 1 << 16);
        byte[] stream = data.consumeRemainingAsBytes();
        int a = Math.min(first, stream.length);
        int b = Math.max(a, Math.min(second, stream.length));
        assertThat(read(stream, a, b)).isEqualTo(read(stream));
    }
}
