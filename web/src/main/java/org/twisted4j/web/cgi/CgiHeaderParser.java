package org.twisted4j.web.cgi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses the header section a CGI script writes before its body (RFC 3875 section 6), incrementally: feed it
 * the output as it comes, in pieces split anywhere, until it reports the headers complete or bad. Lines end
 * with LF or CRLF; an empty line ends the section. Then {@link #interpret} turns the fields into the
 * response's status and headers.
 */
final class CgiHeaderParser {

    /** Most bytes of header section accepted before the output is called bad. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    /** A header field as the script wrote it. */
    record Field(String name, String value) {
    }

    /** What feeding has found so far. */
    sealed interface Result permits NeedMore, Complete, Bad {
    }

    /** The header section is not complete yet. */
    record NeedMore() implements Result {
    }

    /**
     * The header section is complete.
     *
     * @param fields the fields, in order
     * @param body the first bytes of the body, those fed after the empty line (possibly none)
     */
    record Complete(List<Field> fields, ByteBuffer body) implements Result {
    }

    /**
     * The output is not a valid header section.
     *
     * @param reason what is wrong
     */
    record Bad(String reason) implements Result {
    }

    /**
     * The response a script's headers ask for.
     *
     * @param status the status code
     * @param reason the reason phrase the script gave, or null for the standard one
     * @param headers the other fields, to be sent as they are
     */
    record Head(int status, @Nullable String reason, List<Field> headers) {
    }

    private byte[] buffer = new byte[256];
    private int length;
    private int lineStart;
    private final List<Field> fields = new ArrayList<>();
    private @Nullable Result done;

    /**
     * Feeds the next piece of output; the bytes are consumed (copied as needed).
     *
     * @param data the next piece
     * @return {@link NeedMore} until the section is complete; then {@link Complete} or {@link Bad}, and the
     *     same result for any later call
     */
    Result feed(ByteBuffer data) {
        if (done != null) {
            data.position(data.limit());
            return done;
        }
        int scanFrom = length;
        int n = data.remaining();
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
        }
        data.get(buffer, length, n);
        length += n;
        for (int i = scanFrom; i < length; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            int end = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
            if (end == lineStart) {
                ByteBuffer body = ByteBuffer.wrap(Arrays.copyOfRange(buffer, i + 1, length));
                return done = new Complete(List.copyOf(fields), body);
            }
            Result bad = addField(new String(buffer, lineStart, end - lineStart, ISO_8859_1));
            if (bad != null) {
                return done = bad;
            }
            lineStart = i + 1;
        }
        if (length > MAX_HEADER_BYTES) {
            return done = new Bad("more than " + MAX_HEADER_BYTES + " bytes of headers");
        }
        return new NeedMore();
    }

    /** Returns whether any output has been fed. */
    boolean sawOutput() {
        return length > 0;
    }

    private @Nullable Result addField(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return new Bad("not a header field: '" + printable(line) + "'");
        }
        String name = line.substring(0, colon);
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return new Bad("not a header name: '" + printable(name) + "'");
            }
        }
        String value = line.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return new Bad("a control character in the value of " + name);
            }
        }
        fields.add(new Field(name, value));
        return null;
    }

    /**
     * Turns the fields into the response: {@code Status: NNN reason} sets the status; a {@code Location}
     * without a {@code Status} makes it 302; {@code Server} and {@code Date} are this server's to send, and the
     * framing fields {@code Transfer-Encoding} and {@code Connection} are its own too, so those are dropped;
     * every other field is sent as it is.
     *
     * @param fields the fields
     * @return the response head
     * @throws IllegalArgumentException if the Status field is malformed
     */
    static Head interpret(List<Field> fields) {
        int status = 200;
        String reason = null;
        boolean statusGiven = false;
        boolean location = false;
        List<Field> headers = new ArrayList<>();
        for (Field field : fields) {
            String name = field.name();
            if (name.equalsIgnoreCase("Status")) {
                String value = field.value();
                int space = value.indexOf(' ');
                String code = space < 0 ? value : value.substring(0, space);
                if (code.length() != 3 || !code.chars().allMatch(c -> c >= '0' && c <= '9') || code.charAt(0) == '0') {
                    throw new IllegalArgumentException("malformed Status: '" + printable(value) + "'");
                }
                status = Integer.parseInt(code);
                String phrase = space < 0 ? "" : value.substring(space + 1).strip();
                reason = phrase.isEmpty() ? null : phrase;
                statusGiven = true;
                continue;
            }
            if (name.equalsIgnoreCase("Location")) {
                location = true;
            }
            if (name.equalsIgnoreCase("Server") || name.equalsIgnoreCase("Date")
                    || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Connection")) {
                continue;
            }
            headers.add(field);
        }
        if (location && !statusGiven) {
            status = 302;
        }
        return new Head(status, reason, List.copyOf(headers));
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
