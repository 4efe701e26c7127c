package org.twisted4j.logger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Writes whole log entries to a {@link Writer}, one at a time, flushing after each. */
final class EventWriter {

    private final Writer out;

    EventWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    static Writer utf8(OutputStream out) {
        return new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8);
    }

    /**
     * Writes the entry and flushes.
     *
     * @throws UncheckedIOException if writing or flushing fails
     */
    synchronized void write(String entry) {
        try {
            out.write(entry);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a log entry", e);
        }
    }
}
