package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.logger.Events.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

class TextFileLogObserverTest {

    private static final java.time.format.DateTimeFormatter UTC =
            LogFormat.DEFAULT_TIME_FORMAT.withZone(ZoneOffset.UTC);

    @Test
    void writesTwistedsClassicLine() {
        StringWriter out = new StringWriter();
        new TextFileLogObserver(out, UTC).observe(
                event(LogLevel.INFO, "chat.server", "{peer} connected", "peer", "10.0.0.7"));
        assertThat(out).hasToString("2026-11-23T14:22:54+0000 [chat.server#info] 10.0.0.7 connected\n");
    }

    @Test
    void writesFailureTracebackAfterTheMessage() {
        StringWriter out = new StringWriter();
        new TextFileLogObserver(out, UTC).observe(
                Events.failureEvent("Lost {what}", new Failure(new IllegalStateException("reset"))));
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("2026-11-23T14:22:54+0000 [test#critical] Lost <what: MISSING>");
        assertThat(lines[1]).isEqualTo("\tjava.lang.IllegalStateException: reset");
        assertThat(lines[2]).startsWith("\t\tat ")
                .contains("org.twisted4j.logger.TextFileLogObserverTest.writesFailureTracebackAfterTheMessage(");
    }

    @Test
    void eventWithoutTextWritesNothing() {
        StringWriter out = new StringWriter();
        new TextFileLogObserver(out, UTC).observe(event(null, "a", 1));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void nullTimeFormatWritesADash() {
        StringWriter out = new StringWriter();
        new TextFileLogObserver(out, null).observe(event("hi"));
        assertThat(out).hasToString("- [test#info] hi\n");
    }

    @Test
    void flushesAfterEachEvent() {
        List<String> flushed = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Writer out = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                text.append(buffer, offset, length);
            }

            @Override
            public void flush() {
                flushed.add(text.toString());
            }

            @Override
            public void close() {
            }
        };
        TextFileLogObserver observer = new TextFileLogObserver(out, null);
        observer.observe(event("one"));
        observer.observe(event("two"));
        assertThat(flushed).containsExactly("- [test#info] one\n", "- [test#info] one\n- [test#info] two\n");
    }

    @Test
    void outputStreamGetsUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TextFileLogObserver(bytes).observe(event("naïve ☃"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(" [test#info] naïve ☃\n");
    }

    @Test
    void writeFailureIsAnUncheckedIOException() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("pipe closed");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new TextFileLogObserver(broken).observe(event("x")))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("pipe closed");
    }
}
