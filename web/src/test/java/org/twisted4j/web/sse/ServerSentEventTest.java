package org.twisted4j.web.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    private static String wire(ServerSentEvent event) {
        return new String(event.encode(), UTF_8);
    }

    @Test
    void everyKindOfLineBreakStartsANewDataLine() {
        assertThat(wire(new ServerSentEvent("7", "price", "a\r\nb\rc\nd", 2500L)))
                .isEqualTo("id: 7\nevent: price\ndata: a\ndata: b\ndata: c\ndata: d\nretry: 2500\n\n");
    }

    @Test
    void emptyAndTrailingLinesAreKept() {
        assertThat(wire(new ServerSentEvent(null, null, "", null))).isEqualTo("data: \n\n");
        assertThat(wire(new ServerSentEvent(null, null, "x\n", null))).isEqualTo("data: x\ndata: \n\n");
        assertThat(wire(new ServerSentEvent(null, null, " lead", null))).isEqualTo("data:  lead\n\n");
    }

    @Test
    void fieldsThatWouldBreakTheStreamAreRefused() {
        assertThatThrownBy(() -> new ServerSentEvent("1\n", null, "", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerSentEvent("1\0", null, "", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerSentEvent(null, "a\rb", "", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSentEvent.comment("x\ny")).isInstanceOf(IllegalArgumentException.class);
    }
}
