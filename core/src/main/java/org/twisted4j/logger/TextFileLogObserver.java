package org.twisted4j.logger;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * An observer that writes events as human-readable text, one entry per event, as Twisted's
 * {@code textFileLogObserver}:
 *
 * <pre>
 * 2026-11-23T14:22:54+0000 [chat.server#info] 10.0.0.7 connected
 * 2026-11-23T14:22:55+0000 [chat.server#critical] Lost the database connection
 * 	java.net.SocketException: Connection reset
 * 	...
 * </pre>
 *
 * <p>Each entry is {@link LogFormat#formatEventAsClassicLogText}: the time, the namespace and level, and
 * the text, with a failure's traceback after it; the lines after the first are indented by a tab. Events
 * with no text are not written. The output is flushed after each entry.
 *
 * <pre>{@code
 * LogBeginner.global().beginLoggingTo(new TextFileLogObserver(System.out));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: entries from different threads are written whole, one after the other. The observer does
 * not close its output; whoever made the output closes it.
 */
public final class TextFileLogObserver implements LogObserver {

    private final EventWriter out;
    private final @Nullable DateTimeFormatter timeFormat;

    /**
     * Makes an observer that writes to {@code out} with {@link LogFormat#DEFAULT_TIME_FORMAT} in the
     * system's default zone.
     *
     * @throws NullPointerException if {@code out} is null
     */
    public TextFileLogObserver(Writer out) {
        this(out, LogFormat.DEFAULT_TIME_FORMAT);
    }

    /**
     * Makes an observer that writes to {@code out}, encoding the text as UTF-8, with
     * {@link LogFormat#DEFAULT_TIME_FORMAT} in the system's default zone.
     *
     * @throws NullPointerException if {@code out} is null
     */
    public TextFileLogObserver(OutputStream out) {
        this(EventWriter.utf8(out), LogFormat.DEFAULT_TIME_FORMAT);
    }

    /**
     * Makes an observer that writes to {@code out}, formatting times with {@code timeFormat}.
     *
     * @param out where entries go
     * @param timeFormat how times are written, in the formatter's zone or else the system's default zone
     *     (see {@link LogFormat#formatTime(double, DateTimeFormatter)}); null writes {@code -} instead
     * @throws NullPointerException if {@code out} is null
     */
    public TextFileLogObserver(Writer out, @Nullable DateTimeFormatter timeFormat) {
        this.out = new EventWriter(out);
        this.timeFormat = timeFormat;
    }

    /**
     * Writes the event's entry and flushes.
     *
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void observe(LogEvent event) {
        String entry = LogFormat.formatEventAsClassicLogText(event, timeFormat);
        if (entry != null) {
            out.write(entry);
        }
    }
}
