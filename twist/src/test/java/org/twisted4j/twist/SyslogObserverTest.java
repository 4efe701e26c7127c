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

/** The datagrams {@code twistd --syslog} sends, in RFC 5424's format, without a socket. */
class SyslogObserverTest {
    /** 2026-12-07T09:05:03Z. */
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

        assertThat(messages(event)).containsExactly("<14>1 2026-12-07T09:05:03.000Z - mysvc 321 - - \uFEFF[twist] web started");
    }

    @Test
    void levelsMapToSyslogSeveritiesAndLinesToMessages() {
        LogEvent event = new LogEvent("first line\nsecond line", LogLevel.ERROR, "", TIME, null, Map.of());

        assertThat(messages(event)).containsExactly(
                "<11>1 2026-12-07T09:05:03.000Z - mysvc 321 - - \uFEFF[-] first line",
                "<11>1 2026-12-07T09:05:03.000Z - mysvc 321 - - \uFEFF[-] second line");
        assertThat(List.of(LogLevel.values()).stream().map(SyslogObserver::severity)).containsExactly(7, 6, 4, 3, 2);
    }

    @Test
    void longMessagesAreCutOutsideAUtf8Sequence() {
        LogEvent event = new LogEvent("é".repeat(10_000), LogLevel.WARN, "x", TIME, null, Map.of());

        byte[] message = observer.messages(event).get(0);
        assertThat(message.length).isBetween(SyslogObserver.MAX_MESSAGE_BYTES - 1, SyslogObserver.MAX_MESSAGE_BYTES);
        assertThat(new String(message, UTF_8)).startsWith("<12>1 ").endsWith("é");
    }

    @Test
    void theTimeCarriesTheLocalOffset() {
        SyslogObserver paris = new SyslogObserver(new UnixDatagram("/nonexistent/log"), "mysvc", 321,
                java.time.ZoneId.of("Europe/Paris"), new PrintStream(errors, true, UTF_8));
        LogEvent event = new LogEvent("x", LogLevel.INFO, "x", TIME + 0.25, null, Map.of());

        assertThat(new String(paris.messages(event).get(0), UTF_8)).startsWith("<14>1 2026-12-07T10:05:03.250+01:00 - ");
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
