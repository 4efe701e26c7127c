package org.twisted4j.web.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} as the HTML standard's event-stream interpretation does, piece by piece: UTF-8
 * (malformed bytes become U+FFFD), a leading BOM dropped, lines ended by CR LF, CR or LF, {@code :} comments
 * ignored, {@code data} lines joined with LF, {@code event}, {@code id} (ignored if it holds NUL) and {@code retry}
 * (digits only) fields, an event dispatched at each empty line that follows data. A stream split at any byte reads
 * the same.
 *
 * <p>Limit: an event's lines may hold at most {@link #setMaxEventChars} characters together (1 MiB by default);
 * past that the stream is refused with {@link EventStreamTooLarge}, so that memory stays bounded whatever the
 * server sends.
 *
 * <p>Threading: one thread at a time.
 */
public final class EventStreamParser {

    /** What a parser hands out. */
    public interface Listener {
        /**
         * An event was dispatched.
         *
         * @param event its id is the last id the stream set (null if none yet), its type null for {@code message}
         */
        void event(ServerSentEvent event);

        /**
         * A {@code retry} field set the reconnection delay.
         *
         * @param millis the delay
         */
        void retry(long millis);
    }

    /** The characters an event's lines may hold together unless set otherwise: 1 MiB. */
    public static final int DEFAULT_MAX_EVENT_CHARS = 1 << 20;

    private final Listener listener;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private final ByteBuffer leftover = ByteBuffer.allocate(8);
    private @Nullable String eventType;
    private @Nullable String lastEventId;
    private boolean afterCr;
    private boolean started;
    private int maxEventChars = DEFAULT_MAX_EVENT_CHARS;

    /**
     * Makes a parser at the start of a stream.
     *
     * @param listener told of each event and retry field
     * @param lastEventId the id to start from (a reconnecting client's), or null
     */
    public EventStreamParser(Listener listener, @Nullable String lastEventId) {
        this.listener = listener;
        this.lastEventId = lastEventId;
    }

    /**
     * Sets the characters an event's lines may hold together.
     *
     * @param chars at least 1
     * @throws IllegalArgumentException if less than 1
     */
    public void setMaxEventChars(int chars) {
        if (chars < 1) {
            throw new IllegalArgumentException("max event chars must be positive: " + chars);
        }
        this.maxEventChars = chars;
    }

    /** Returns the last event id the stream set (or the one given at the start), or null. */
    public @Nullable String lastEventId() {
        return lastEventId;
    }

    /**
     * Reads the next piece of the stream; events it completes are handed out during this call.
     *
     * @param piece the bytes, consumed
     * @throws EventStreamTooLarge if an event grows past the limit
     */
    public void feed(ByteBuffer piece) {
        ByteBuffer in = piece;
        if (leftover.position() > 0) {
            leftover.flip();
            in = ByteBuffer.allocate(leftover.remaining() + piece.remaining()).put(leftover).put(piece).flip();
            leftover.clear();
        }
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, chars, false);
        leftover.put(in); // an incomplete sequence at the end: at most three bytes
        chars.flip();
        while (chars.hasRemaining()) {
            take(chars.get());
        }
    }

    /** The stream ended: what follows the last empty line is dropped, as the standard says. */
    public void end() {
        line.setLength(0);
        data.setLength(0);
        eventType = null;
    }

    private void take(char c) {
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return;
            }
        }
        if (c == '\n' && afterCr) {
            afterCr = false;
            return;
        }
        afterCr = c == '\r';
        if (c == '\r' || c == '\n') {
            endLine();
            return;
        }
        if (line.length() + data.length() >= maxEventChars) {
            throw new EventStreamTooLarge(maxEventChars);
        }
        line.append(c);
    }

    private void endLine() {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            line.setLength(0);
            return;
        }
        int colon = line.indexOf(":");
        String field = colon < 0 ? line.toString() : line.substring(0, colon);
        int start = colon < 0 ? line.length() : colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        String value = line.substring(start);
        line.setLength(0);
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.length() <= 18 && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    listener.retry(Long.parseLong(value));
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    private void dispatch() {
        if (data.isEmpty()) {
            eventType = null;
            return;
        }
        String text = data.substring(0, data.length() - 1);
        String type = eventType == null || eventType.isEmpty() ? null : eventType;
        String id = lastEventId == null || lastEventId.isEmpty() ? null : lastEventId;
        data.setLength(0);
        eventType = null;
        listener.event(new ServerSentEvent(id, type, text, null));
    }
}
