package org.twisted4j.web.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamParserTest {

    /** Reads {@code stream} cut at the given offsets; returns what the listener heard, one string each. */
    private static List<String> read(byte[] stream, int... cuts) {
        List<String> heard = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser(new EventStreamParser.Listener() {
            @Override
            public void event(ServerSentEvent event) {
                heard.add(event.id() + "|" + event.event() + "|" + event.data());
            }

            @Override
            public void retry(long millis) {
                heard.add("retry " + millis);
            }
        }, null);
        int from = 0;
        for (int cut : cuts) {
            parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(stream, from, cut)));
            from = cut;
        }
        parser.feed(ByteBuffer.wrap(Arrays.copyOfRange(stream, from, stream.length)));
        parser.end();
        return heard;
    }

    private static final byte[] STREAM = ("\uFEFF: comment\r\nid: 1\r\nevent: tick\r\ndata: héllo\r\ndata:  two ☃\r\n\r\n"
            + "data:x\rretry: 2500\rretry: 25x\r\rid: bad\0id\ndata\nfield with no colon\n\n"
            + "id\ndata: after reset\n\ndata: never dispatched").getBytes(UTF_8);

    @Test
    void readsTheStandardsFieldsAndLineEnds() {
        assertThat(read(STREAM)).containsExactly("1|tick|héllo\n two ☃", "retry 2500", "1|null|x", "1|null|",
                "null|null|after reset");
    }

    @Test
    void aStreamSplitAtAnyTwoBytesReadsTheSame() {
        List<String> whole = read(STREAM);
        for (int a = 0; a <= STREAM.length; a++) {
            for (int b = a; b <= STREAM.length; b += 7) {
                assertThat(read(STREAM, a, b)).as("cut at %d and %d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    void anEventPastTheLimitIsRefused() {
        EventStreamParser parser = new EventStreamParser(new EventStreamParser.Listener() {
            @Override
            public void event(ServerSentEvent event) {
            }

            @Override
            public void retry(long millis) {
            }
        }, null);
        parser.setMaxEventChars(100);
        parser.feed(ByteBuffer.wrap(("data: " + "x".repeat(50) + "\n\n").getBytes(UTF_8)));
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(("data: " + "x".repeat(60) + "\ndata: "
                + "x".repeat(60)).getBytes(UTF_8)))).isInstanceOf(EventStreamTooLarge.class);
    }
}
