package org.twisted4j.runner;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.twisted4j.logger.Logger;

/**
 * Splits one output stream of a child process into lines and logs each as {@code [tag] line}, as
 * Twisted's {@code LineLogger}: the event carries the fields {@code tag}, {@code line} and {@code stream}.
 * A line longer than {@link #MAX_LINE_LENGTH} bytes is logged in pieces of that length. Bytes that are not
 * UTF-8 are shown as the replacement character.
 */
final class OutputLines {
    /** The longest piece logged as one line, in bytes. */
    static final int MAX_LINE_LENGTH = 16384;

    private final Logger log;
    private final String tag;
    private final String stream;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    OutputLines(Logger log, String tag, String stream) {
        this.log = log;
        this.tag = tag;
        this.stream = stream;
    }

    /** Takes the next bytes of the stream, logging every line they complete. */
    void add(ByteBuffer data) {
        ByteBuffer bytes = data.duplicate();
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                emit();
            } else {
                partial.write(b);
                if (partial.size() >= MAX_LINE_LENGTH) {
                    emit();
                }
            }
        }
    }

    /** Logs what is left of an unfinished last line, if anything. */
    void flush() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        log.info("[{tag}] {line}", "tag", tag, "line", line, "stream", stream);
    }
}
