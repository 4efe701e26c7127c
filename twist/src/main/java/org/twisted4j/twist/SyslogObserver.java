package org.twisted4j.twist;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogFormat;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;

/**
 * Sends log events to the local syslog daemon, for {@code twistd --syslog}, as Twisted's
 * {@code SyslogObserver}: each line of an event's text (and of its failure's traceback) becomes one
 * message {@code [NAMESPACE] LINE}, in the format glibc's {@code syslog(3)} writes:
 * {@code <PRI>Mmm dd hh:mm:ss PREFIX[PID]: MESSAGE}, local time, facility {@code user}, as a datagram to
 * the syslog socket ({@code /dev/log} unless told otherwise; journald and rsyslog both read it).
 *
 * <p>Priorities follow the event's level: debug 7, info 6, warn 4, error 3, critical 2 (Twisted's legacy
 * observer has only info and alert). A message longer than {@link #MAX_MESSAGE_BYTES} is cut there. When
 * the socket cannot be reached, one line says so on the given error stream, and sending resumes when it can.
 *
 * <p>Any thread: events are sent one at a time.
 */
final class SyslogObserver implements LogObserver {

    /** The default socket of the local syslog daemon. */
    static final String DEFAULT_SOCKET = "/dev/log";
    /** The default tag, Twisted's {@code --prefix} default. */
    static final String DEFAULT_PREFIX = "twisted";
    /** The longest datagram sent, rsyslog's default {@code maxMessageSize}. */
    static final int MAX_MESSAGE_BYTES = 8192;
    /** Facility {@code LOG_USER}, as Twisted's. */
    private static final int FACILITY_USER = 1;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final UnixDatagram socket;
    private final String prefix;
    private final long pid;
    private final ZoneId zone;
    private final PrintStream errors;
    private boolean failing;

    SyslogObserver(UnixDatagram socket, String prefix, long pid, ZoneId zone, PrintStream errors) {
        this.socket = socket;
        this.prefix = prefix;
        this.pid = pid;
        this.zone = zone;
        this.errors = errors;
    }

    @Override
    public synchronized void observe(LogEvent event) {
        for (byte[] message : messages(event)) {
            try {
                socket.send(message);
                failing = false;
            } catch (IOException e) {
                if (!failing) {
                    failing = true;
                    errors.println("twistd: cannot log to syslog: " + e.getMessage());
                    errors.flush();
                }
                return;
            }
        }
    }

    /** Returns the datagrams for {@code event}: one for each line of its text, none if it has no text. */
    List<byte[]> messages(LogEvent event) {
        String text = LogFormat.formatEvent(event);
        Failure failure = event.failure();
        if (failure != null) {
            text = text + "\n" + failure.getTraceback();
        }
        List<byte[]> messages = new ArrayList<>();
        if (text.isBlank()) {
            return messages;
        }
        String header = "<" + (FACILITY_USER * 8 + severity(event.level())) + ">"
                + TIMESTAMP.format(Instant.ofEpochMilli((long) (event.time() * 1000)).atZone(zone)) + " " + prefix
                + "[" + pid + "]: [" + (event.namespace().isEmpty() ? "-" : event.namespace()) + "] ";
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                messages.add(cut((header + line).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return messages;
    }

    private static byte[] cut(byte[] message) {
        if (message.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        int end = MAX_MESSAGE_BYTES;
        while (end > 0 && (message[end] & 0xC0) == 0x80) {
            end--; // not inside a UTF-8 sequence
        }
        byte[] cut = new byte[end];
        System.arraycopy(message, 0, cut, 0, end);
        return cut;
    }

    /** Returns the syslog severity of {@code level}. */
    static int severity(LogLevel level) {
        return switch (level) {
            case DEBUG -> 7;
            case INFO -> 6;
            case WARN -> 4;
            case ERROR -> 3;
            case CRITICAL -> 2;
        };
    }
}
