package org.twisted4j.web.sse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event of a {@code text/event-stream}, and its wire form: an {@code id:} line, an {@code event:} line, one
 * {@code data:} line per line of the data (CR LF, CR and LF all end a line), a {@code retry:} line, then an empty
 * line that dispatches it.
 *
 * <pre>{@code
 * new ServerSentEvent("7", "price", "{\"EUR\": 1.08}\n{\"GBP\": 0.86}", null).encode()
 * // id: 7\nevent: price\ndata: {"EUR": 1.08}\ndata: {"GBP": 0.86}\n\n
 * }</pre>
 *
 * @param id the event's id, which the browser sends back as {@code Last-Event-ID} when it reconnects; or null
 * @param event the event type ({@code addEventListener(type, ...)}); null for {@code message}
 * @param data the data, any text; a browser gets the lines joined with LF
 * @param retryMillis the reconnection delay the browser should use from now on, or null
 */
public record ServerSentEvent(@Nullable String id, @Nullable String event, String data, @Nullable Long retryMillis) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the id or type holds CR or LF (or the id NUL, which browsers refuse), or
     *     the retry delay is negative
     */
    public ServerSentEvent {
        Objects.requireNonNull(data, "data");
        if (id != null && (breaksLine(id) || id.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("an event id may not hold CR, LF or NUL");
        }
        if (event != null && breaksLine(event)) {
            throw new IllegalArgumentException("an event type may not hold CR or LF");
        }
        if (retryMillis != null && retryMillis < 0) {
            throw new IllegalArgumentException("negative retry delay: " + retryMillis);
        }
    }

    private static boolean breaksLine(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    /** Returns the event's wire form, UTF-8. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            char c = i < data.length() ? data.charAt(i) : '\n';
            if (c == '\r' || c == '\n') {
                out.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (retryMillis != null) {
            out.append("retry: ").append(retryMillis).append('\n');
        }
        return out.append('\n').toString().getBytes(UTF_8);
    }

    /**
     * Returns a comment's wire form: ignored by browsers, it keeps a connection from looking idle to them and to the
     * proxies between.
     *
     * @param text the comment, one line
     * @return {@code ": text\n\n"} in UTF-8
     * @throws IllegalArgumentException if the text holds CR or LF
     */
    public static byte[] comment(String text) {
        if (breaksLine(text)) {
            throw new IllegalArgumentException("a comment may not hold CR or LF");
        }
        return (": " + text + "\n\n").getBytes(UTF_8);
    }
}
