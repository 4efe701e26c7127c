package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;

/** The datagrams {@code twistd --syslog} sends, in glibc syslog(3)'s format, without a socket. */
class SyslogObserverTest {
    /** 2026-12-07T09:05:03Z: a one-digit day, as syslog pads it with a space. */
    private static final double TIME = 1_796_634_303;

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final SyslogObserver observer = new SyslogObserver(new UnixDatagram("/nonexistent/log"), "mysvc", 321,
            ZoneOffset.UTC, new PrintStream(errors, true, UTF_8));

    private List<String> messages(LogEvent event) {
        return observer.messages(event).stream().map(bytes -> new String(bytes, UTF_8)).toList();
    }

    @Test
    void anEventIsOneMessageWithPriorityTimeTagPidAndNamespace() {
        LogEvent event = new LogEvent("{name} started", LogLevel.INFO, "twist", TIME, null, Map.of("name", "web"));

        assertThat(messages(event)).containsExactly("<14>Dec  7 09:05:03 mysvc[321]: [twist] web started");
    }

    @Test
    void levelsMapToSyslogSeveritiesAndLinesToMessages() {
        LogEvent event = new LogEvent("first line\nsecond line", LogLevel.ERROR, "", TIME, null, Map.of());

        assertThat(messages(event)).containsExactly("<11>Dec  7 09:05:03 mysvc[321]: [-] first line",
                "<11>Dec  7 09:05:03 mysvc[321]: [-] second line");
        assertThat(List.of(LogLevel.values()).stream().map(SyslogObserver::severity)).containsExactly(7, 6, 4, 3, 2);
    }

    @Test
    void longMessagesAreCutOutsideAUtf8Sequence() {
        LogEvent event = new LogEvent("é".repeat(10_000), LogLevel.WARN, "x", TIME, null, Map.of());

        byte[] message = observer.messages(event).get(0);
        assertThat(message.length).isBetween(SyslogObserver.MAX_MESSAGE_BYTES - 1, SyslogObserver.MAX_MESSAGE_BYTES);
        assertThat(new String(message, UTF_8)).startsWith("<12>").endsWith("é");
    }

    @Test
    void anUnreachableSocketIsReportedOnceNotThrown() {
        LogEvent event = new LogEvent("lost", LogLevel.INFO, "x", TIME, null, Map.of());
        observer.observe(event);
        observer.observe(event);

        assertThat(errors.toString(UTF_8)).startsWith("twistd: cannot log to syslog: cannot send to /nonexistent/log")
                .hasLineCount(1);
    }
}
