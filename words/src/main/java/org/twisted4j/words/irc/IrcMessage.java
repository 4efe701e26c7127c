package org.twisted4j.words.irc;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One IRC message (RFC 1459 §2.3.1, RFC 2812 §2.3.1, IRCv3 message-tags): optional tags, an optional prefix,
 * a command (letters or a three-digit numeric) and up to 15 parameters, the last of which may hold spaces.
 *
 * <pre>{@code
 * IrcMessage m = IrcMessage.parse("@time=2026-01-01T00:00:00.000Z :nick!u@h PRIVMSG #chan :hello there");
 * m.command();      // "PRIVMSG"
 * m.params();       // ["#chan", "hello there"]
 * m.tag("time");    // "2026-01-01T00:00:00.000Z"
 * IrcMessage.of("PRIVMSG", "#chan", "hi all").toLine();   // "PRIVMSG #chan :hi all"
 * }</pre>
 *
 * <h2>Limits</h2>
 * The line without its tags may be {@value #MAX_LINE_BYTES} bytes with its CR LF (RFC 1459), so
 * {@value #MAX_BODY_BYTES} without; the tag section (with its {@code @} and the space after) at most
 * {@value #MAX_TAG_BYTES} bytes (IRCv3). Longer lines are refused with an {@link IrcParseException} whose
 * {@link IrcParseException#isTooLong()} is true. Parameters past the 15th are joined into the 15th, as servers do.
 *
 * <h2>Text</h2>
 * Bytes are decoded as UTF-8; a line that is not valid UTF-8 is decoded as ISO-8859-1 (the fallback clients
 * such as irssi use), so no byte is lost or refused. Tag values are unescaped ({@code \:} {@code \s}
 * {@code \\} {@code \r} {@code \n}) on parsing and escaped on writing.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param tags the message tags in their order, values unescaped ({@code ""} for a tag without value)
 * @param prefix the source ({@code nick!user@host} or a server name), or null
 * @param command the command, upper-cased if it was letters
 * @param params the parameters, the trailing one included
 */
public record IrcMessage(Map<String, String> tags, @Nullable String prefix, String command, List<String> params) {

    /** The longest line without tags, CR LF included (RFC 1459). */
    public static final int MAX_LINE_BYTES = 512;
    /** The longest line without tags and without its CR LF. */
    public static final int MAX_BODY_BYTES = MAX_LINE_BYTES - 2;
    /** The longest tag section, its {@code @} and trailing space included (IRCv3 message-tags). */
    public static final int MAX_TAG_BYTES = 8191;
    /** The most parameters a message carries (RFC 2812). */
    public static final int MAX_PARAMS = 15;

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if the command is empty or holds a space, a tag key is empty or holds
     *     {@code = ; space}, a parameter holds CR, LF or NUL, a parameter before the last is empty, starts with
     *     {@code :} or holds a space, or there are more than 15 parameters
     */
    public IrcMessage {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || hasAny(command, " \r\n\0:")) {
            throw new IllegalArgumentException("bad command " + command);
        }
        if (prefix != null && (prefix.isEmpty() || hasAny(prefix, " \r\n\0"))) {
            throw new IllegalArgumentException("bad prefix " + prefix);
        }
        for (String key : tags.keySet()) {
            if (key.isEmpty() || hasAny(key, "=; \r\n\0")) {
                throw new IllegalArgumentException("bad tag key " + key);
            }
        }
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        params = List.copyOf(params);
        if (params.size() > MAX_PARAMS) {
            throw new IllegalArgumentException("more than " + MAX_PARAMS + " parameters");
        }
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            if (hasAny(p, "\r\n\0")) {
                throw new IllegalArgumentException("parameter " + i + " holds CR, LF or NUL");
            }
            if (i < params.size() - 1 && (p.isEmpty() || p.charAt(0) == ':' || p.indexOf(' ') >= 0)) {
                throw new IllegalArgumentException("parameter " + i + " is empty, starts with ':' or holds a space");
            }
        }
    }

    /** Makes a message without tags or prefix. */
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, List.of(params));
    }

    /** Makes a message with a prefix and no tags. */
    public static IrcMessage withPrefix(@Nullable String prefix, String command, String... params) {
        return new IrcMessage(Map.of(), prefix, command, List.of(params));
    }

    /** Returns this message with the given tags instead of its own. */
    public IrcMessage withTags(Map<String, String> newTags) {
        return new IrcMessage(newTags, prefix, command, params);
    }

    /** Returns the value of a tag ({@code ""} if present without value), or null if absent. */
    public @Nullable String tag(String key) {
        return tags.get(key);
    }

    /** Returns parameter {@code i}, or {@code ""} if there are fewer. */
    public String param(int i) {
        return i < params.size() ? params.get(i) : "";
    }

    /** Returns the nick of the prefix ({@code nick} of {@code nick!user@host}), or {@code ""} if none. */
    public String sourceNick() {
        return prefix == null ? "" : UserMask.parse(prefix).nick();
    }

    /**
     * Parses a line (without its line end; a trailing CR is ignored).
     *
     * @throws IrcParseException if the line is empty or malformed, or longer than the limits
     */
    public static IrcMessage parse(byte[] line) throws IrcParseException {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == '\n')) {
            end--;
        }
        int start = 0;
        Map<String, String> tags = Map.of();
        if (end > 0 && line[0] == '@') {
            int space = indexOf(line, (byte) ' ', 0, end);
            int sectionEnd = space < 0 ? end : space + 1;
            if (sectionEnd > MAX_TAG_BYTES) {
                throw new IrcParseException("tags longer than " + MAX_TAG_BYTES + " bytes", true);
            }
            if (space < 0) {
                throw new IrcParseException("a message of tags only", false);
            }
            tags = parseTags(decode(line, 1, space));
            start = space + 1;
            while (start < end && line[start] == ' ') {
                start++;
            }
        }
        if (end - start > MAX_BODY_BYTES) {
            throw new IrcParseException("line longer than " + MAX_LINE_BYTES + " bytes", true);
        }
        return parseBody(tags, decode(line, start, end));
    }

    /**
     * Parses a line given as text (without its line end; a trailing CR is ignored).
     *
     * @throws IrcParseException if the line is empty or malformed, or longer than the limits
     */
    public static IrcMessage parse(String line) throws IrcParseException {
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }

    private static IrcMessage parseBody(Map<String, String> tags, String body) throws IrcParseException {
        int at = 0;
        int n = body.length();
        String prefix = null;
        if (at < n && body.charAt(at) == ':') {
            int space = body.indexOf(' ', at);
            if (space < 0) {
                throw new IrcParseException("a prefix with no command", false);
            }
            prefix = body.substring(at + 1, space);
            if (prefix.isEmpty() || hasAny(prefix, "\0\r\n")) {
                throw new IrcParseException("malformed prefix", false);
            }
            at = space;
        }
        while (at < n && body.charAt(at) == ' ') {
            at++;
        }
        int commandEnd = body.indexOf(' ', at);
        if (commandEnd < 0) {
            commandEnd = n;
        }
        String command = body.substring(at, commandEnd);
        if (command.isEmpty()) {
            throw new IrcParseException("no command", false);
        }
        if (!isCommand(command)) {
            throw new IrcParseException("malformed command", false);
        }
        command = command.toUpperCase(java.util.Locale.ROOT);
        List<String> params = new ArrayList<>();
        at = commandEnd;
        while (at < n) {
            while (at < n && body.charAt(at) == ' ') {
                at++;
            }
            if (at >= n) {
                break;
            }
            if (body.charAt(at) == ':' || params.size() == MAX_PARAMS - 1) {
                int from = body.charAt(at) == ':' ? at + 1 : at;
                params.add(body.substring(from));
                break;
            }
            int space = body.indexOf(' ', at);
            if (space < 0) {
                space = n;
            }
            params.add(body.substring(at, space));
            at = space;
        }
        for (String p : params) {
            if (hasAny(p, "\0\r\n")) {
                throw new IrcParseException("NUL, CR or LF in a parameter", false);
            }
        }
        return new IrcMessage(tags, prefix, command, params);
    }

    private static boolean isCommand(String command) {
        if (command.length() == 3 && Character.isDigit(command.charAt(0))) {
            for (int i = 0; i < 3; i++) {
                char c = command.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> parseTags(String section) throws IrcParseException {
        if (hasAny(section, "\0\r\n")) {
            throw new IrcParseException("NUL, CR or LF in the tags", false);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String item : section.split(";", -1)) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            if (key.isEmpty() || hasAny(key, "\0\r\n")) {
                throw new IrcParseException("malformed tag", false);
            }
            String value = eq < 0 ? "" : unescapeTagValue(item.substring(eq + 1));
            if (hasAny(value, "\0")) {
                throw new IrcParseException("NUL in a tag value", false);
            }
            tags.put(key, value);
        }
        return tags;
    }

    /** Unescapes an IRCv3 tag value: {@code \:} is {@code ;}, {@code \s} a space, a lone trailing {@code \} dropped. */
    public static String unescapeTagValue(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= value.length()) {
                break;
            }
            char e = value.charAt(i);
            out.append(switch (e) {
                case ':' -> ';';
                case 's' -> ' ';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> e;
            });
        }
        return out.toString();
    }

    /** Escapes an IRCv3 tag value, the inverse of {@link #unescapeTagValue}. */
    public static String escapeTagValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes the message as a line, without CR LF; the last parameter gets a {@code :} when it needs one. */
    public String toLine() {
        return toLine(false);
    }

    /**
     * Writes the message as a line, without CR LF, the last parameter with a {@code :} when it needs one or,
     * if {@code colonTrailing}, always (as servers write text parameters, for clients that expect it).
     */
    public String toLine(boolean colonTrailing) {
        StringBuilder out = new StringBuilder(64);
        if (!tags.isEmpty()) {
            out.append('@');
            boolean first = true;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!first) {
                    out.append(';');
                }
                first = false;
                out.append(tag.getKey());
                if (!tag.getValue().isEmpty()) {
                    out.append('=').append(escapeTagValue(tag.getValue()));
                }
            }
            out.append(' ');
        }
        if (prefix != null) {
            out.append(':').append(prefix).append(' ');
        }
        out.append(command);
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            out.append(' ');
            if (i == params.size() - 1 && (colonTrailing || p.isEmpty() || p.charAt(0) == ':' || p.indexOf(' ') >= 0)) {
                out.append(':');
            }
            out.append(p);
        }
        return out.toString();
    }

    /** Writes the message as UTF-8 bytes ending with CR LF. */
    public byte[] toBytes() {
        return toBytes(false);
    }

    /** Writes the message as UTF-8 bytes ending with CR LF, as {@link #toLine(boolean)}. */
    public byte[] toBytes(boolean colonTrailing) {
        return (toLine(colonTrailing) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toLine();
    }

    private static String decode(byte[] bytes, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static boolean hasAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
