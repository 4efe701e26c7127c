package org.twisted4j.logger;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * An observer that writes each event as one line of JSON (the "JSON Lines" format), for log collectors
 * and scripts, in the spirit of Twisted's {@code jsonFileLogObserver}:
 *
 * <pre>
 * {"log_time":1795529374.5,"log_level":"info","log_namespace":"chat.server","log_format":"{peer} connected","log_text":"10.0.0.7 connected","peer":"10.0.0.7"}
 * </pre>
 *
 * <p>Each line is {@link LogFormat#eventAsJson}, which describes the keys and how values are written,
 * followed by {@code "\n"}. Unlike Twisted's, lines do not start with an ASCII record separator. The
 * output is flushed after each line.
 *
 * <pre>{@code
 * try (Writer file = Files.newBufferedWriter(Path.of("events.jsonl"))) {
 *     LogBeginner.global().beginLoggingTo(new JsonLinesLogObserver(file));
 *     ...
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: lines from different threads are written whole, one after the other. The observer does not
 * close its output; whoever made the output closes it.
 */
public final class JsonLinesLogObserver implements LogObserver {

    private final EventWriter out;

    /**
     * Makes an observer that writes to {@code out}.
     *
     * @throws NullPointerException if {@code out} is null
     */
    public JsonLinesLogObserver(Writer out) {
        this.out = new EventWriter(out);
    }

    /**
     * Makes an observer that writes to {@code out}, encoding the text as UTF-8.
     *
     * @throws NullPointerException if {@code out} is null
     */
    public JsonLinesLogObserver(OutputStream out) {
        this(EventWriter.utf8(out));
    }

    /**
     * Writes the event as a line of JSON and flushes.
     *
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void observe(LogEvent event) {
        out.write(LogFormat.eventAsJson(event) + "\n");
    }
}
