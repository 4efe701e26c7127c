package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.logger.Events.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

class JsonLinesLogObserverTest {

    @Test
    void eventBecomesOneExactLineOfJson() {
        StringWriter out = new StringWriter();
        new JsonLinesLogObserver(out).observe(
                event(LogLevel.WARN, "chat.server", "{peer} sent {n} bytes", "peer", "10.0.0.7", "n", 42));
        assertThat(out.toString()).isEqualTo("{\"log_time\":1795443774,\"log_level\":\"warn\","
                + "\"log_namespace\":\"chat.server\",\"log_format\":\"{peer} sent {n} bytes\","
                + "\"log_text\":\"10.0.0.7 sent 42 bytes\",\"peer\":\"10.0.0.7\",\"n\":42}\n");
    }

    @Test
    void eachEventIsItsOwnLineAndFlushed() {
        List<String> flushed = new ArrayList<>();
        StringWriter text = new StringWriter();
        Writer out = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                text.write(buffer, offset, length);
            }

            @Override
            public void flush() {
                flushed.add(text.toString());
            }

            @Override
            public void close() {
            }
        };
        JsonLinesLogObserver observer = new JsonLinesLogObserver(out);
        observer.observe(event("one"));
        observer.observe(event("two"));
        assertThat(flushed).hasSize(2);
        assertThat(flushed.get(0)).endsWith("\"log_text\":\"one\"}\n");
        assertThat(text.toString().split("\n")).hasSize(2);
    }

    @Test
    void quotesBackslashesAndLineBreaksAreEscaped() {
        String json = LogFormat.eventAsJson(event("x", "s", "say \"hi\"\\ \n\r\t\b\f end"));
        assertThat(json).contains("\"s\":\"say \\\"hi\\\"\\\\ \\n\\r\\t\\b\\f end\"");
        assertThat(json).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void controlCharactersAndUnicodeLineSeparatorsAreUnicodeEscapes() {
        String json = LogFormat.eventAsJson(event("x", "s", "\u0000\u0001\u001f\u007f\u2028\u2029"));
        assertThat(json).contains("\"s\":\"\\u0000\\u0001\\u001f\\u007f\\u2028\\u2029\"");
    }

    @Test
    void nonAsciiTextAndSurrogatePairsPassThroughButLoneSurrogatesAreEscaped() {
        String json = LogFormat.eventAsJson(event("x", "s", "é 中 😀 \ud800 x\udc00"));
        assertThat(json).contains("\"s\":\"é 中 😀 \\ud800 x\\udc00\"");
    }

    @Test
    void everyCharacterSurvivesARoundTrip() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        all.append("\ud83d\ude00");
        String json = LogFormat.eventAsJson(event("{s}", "s", all.toString()));
        Map<String, Object> parsed = MiniJson.parseObject(json);
        assertThat(parsed.get("s")).isEqualTo(all.toString());
        assertThat(parsed.get("log_text")).isEqualTo(all.toString());
    }

    @Test
    void valuesKeepTheirJsonTypes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", List.of(1, "two"));
        nested.put("n", null);
        String json = LogFormat.eventAsJson(event("x", "b", true, "i", 7, "l", 1L << 40, "d", 2.5,
                "big", new BigInteger("123456789012345678901234567890"), "dec", new BigDecimal("0.1"),
                "nul", null, "map", nested, "arr", new int[] {1, 2}, "nan", Double.NaN,
                "inf", Float.POSITIVE_INFINITY, "obj", new StringBuilder("sb")));
        assertThat(json).endsWith(",\"b\":true,\"i\":7,\"l\":1099511627776,\"d\":2.5,"
                + "\"big\":123456789012345678901234567890,\"dec\":0.1,\"nul\":null,"
                + "\"map\":{\"k\":[1,\"two\"],\"n\":null},\"arr\":[1,2],\"nan\":\"NaN\","
                + "\"inf\":\"Infinity\",\"obj\":\"sb\"}");
        assertThat(MiniJson.parse(json)).isNotNull();
    }

    @Test
    void otherObjectsBecomeTheirStringForm() {
        record Point(int x, int y) {
        }
        String json = LogFormat.eventAsJson(event("x", "p", new Point(1, 2)));
        assertThat(json).endsWith(",\"p\":\"Point[x=1, y=2]\"}");
    }

    @Test
    void valueWhoseToStringThrowsIsDescribedInstead() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("nope");
            }
        };
        Map<String, Object> parsed = MiniJson.parseObject(LogFormat.eventAsJson(event("{bad}", "bad", bad)));
        assertThat((String) parsed.get("bad")).startsWith("<unprintable ").contains("nope");
        assertThat((String) parsed.get("log_text")).startsWith("Unable to format event");
    }

    @Test
    void selfContainingListIsCutOffRatherThanOverflowing() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        String json = LogFormat.eventAsJson(event("x", "loop", loop));
        assertThat(MiniJson.parse(json)).isNotNull();
        assertThat(json).contains("\"<nested too deeply>\"");
    }

    @Test
    void fieldsNamedLikeEventKeysAreLeftOut() {
        String json = LogFormat.eventAsJson(event("x", "log_level", "fake", "log_text", "fake", "mine", 1));
        Map<String, Object> parsed = MiniJson.parseObject(json);
        assertThat(parsed.get("log_level")).isEqualTo("info");
        assertThat(parsed.get("log_text")).isEqualTo("x");
        assertThat(parsed).containsKey("mine");
    }

    @Test
    void nullFormatAndSourceAreWritten() {
        LogEvent event = new LogEvent(null, LogLevel.DEBUG, "ns", 0.25, new StringBuilder("src"), Map.of());
        assertThat(LogFormat.eventAsJson(event)).isEqualTo("{\"log_time\":0.25,\"log_level\":\"debug\","
                + "\"log_namespace\":\"ns\",\"log_format\":null,\"log_text\":\"\",\"log_source\":\"src\"}");
    }

    @Test
    void failureIsWrittenWithTypeMessageAndTraceback() {
        Failure failure = new Failure(new IllegalStateException("line one\nline \"two\""));
        Map<String, Object> parsed = MiniJson.parseObject(
                LogFormat.eventAsJson(Events.failureEvent("Saving failed", failure)));
        @SuppressWarnings("unchecked")
        Map<String, Object> logged = (Map<String, Object>) parsed.get("log_failure");
        assertThat(logged.get("type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(logged.get("message")).isEqualTo("line one\nline \"two\"");
        assertThat((String) logged.get("traceback"))
                .startsWith("java.lang.IllegalStateException: line one\nline \"two\"\n\tat ");
        assertThat(parsed.get("log_level")).isEqualTo("critical");
    }

    @Test
    void outputStreamGetsUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonLinesLogObserver(bytes).observe(event("café"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"log_text\":\"café\"");
    }

    @Test
    void writeFailureIsAnUncheckedIOException() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new JsonLinesLogObserver(broken).observe(event("x")))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk full");
    }
}
