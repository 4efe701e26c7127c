package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads server responses, incrementally (octets may arrive split anywhere, and parse the same), into
 * {@link ImapResponse}s: the client half of the IMAP codec.
 *
 * <h2>Limits</h2>
 * A line longer than {@link #setMaxLineLength} (default {@value #DEFAULT_MAX_LINE_LENGTH}), a literal larger
 * than {@link #setMaxLiteralSize} (default {@value #DEFAULT_MAX_LITERAL_SIZE}), a response holding more than
 * {@value #MAX_LITERALS} literals or more octets than {@link #setMaxResponseSize} (default twice the literal
 * limit), or nested deeper than {@value #MAX_DEPTH}: each is reported as an
 * {@link ImapSyntaxException} to {@link Listener#error}, the only error this parser reports, and the octets of
 * that response are skipped without being held. Memory held is bounded by those limits.
 *
 * <p>Threading: one thread at a time (the reactor's).
 */
public final class ImapResponseParser {

    /** Default longest line, octets. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /** Default largest literal, octets. */
    public static final int DEFAULT_MAX_LITERAL_SIZE = 64 * 1024 * 1024;
    /** Most literals in one response. */
    public static final int MAX_LITERALS = 1024;
    /** Deepest nesting of parenthesised lists. */
    public static final int MAX_DEPTH = 64;

    /** Told of each response. */
    public interface Listener {
        /** A whole response arrived. */
        void response(ImapResponse response);

        /** A response could not be read; it has been skipped. */
        void error(ImapSyntaxException error);
    }

    private final Listener listener;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private int maxLiteralSize = DEFAULT_MAX_LITERAL_SIZE;
    private long maxResponseSize = 2L * DEFAULT_MAX_LITERAL_SIZE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<byte[]> fragments = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private ByteArrayOutputStream literal = new ByteArrayOutputStream();
    private long literalRemaining = -1;
    private boolean skipping;
    private boolean skippingLiteral;
    private long held;

    /**
     * Makes a parser.
     *
     * @param listener told of responses and errors
     */
    public ImapResponseParser(Listener listener) {
        this.listener = listener;
    }

    /** Sets the longest line accepted. */
    public void setMaxLineLength(int octets) {
        this.maxLineLength = octets;
    }

    /** Sets the largest literal accepted. */
    public void setMaxLiteralSize(int octets) {
        this.maxLiteralSize = octets;
    }

    /** Sets the most octets one response (its lines and literals together) may hold. */
    public void setMaxResponseSize(long octets) {
        this.maxResponseSize = octets;
    }

    /** Returns how many octets of the response being read are held. */
    public long held() {
        return held + line.size() + literal.size();
    }

    /**
     * Feeds octets; all are consumed.
     *
     * @param data what arrived
     */
    public void feed(ByteBuffer data) {
        while (data.hasRemaining()) {
            if (literalRemaining >= 0) {
                int n = (int) Math.min(literalRemaining, data.remaining());
                if (skippingLiteral) {
                    data.position(data.position() + n);
                } else {
                    byte[] chunk = new byte[n];
                    data.get(chunk);
                    literal.writeBytes(chunk);
                }
                literalRemaining -= n;
                if (literalRemaining == 0) {
                    literalRemaining = -1;
                    if (!skippingLiteral) {
                        literals.add(literal.toByteArray());
                        held += literal.size();
                    }
                    literal = new ByteArrayOutputStream();
                    skippingLiteral = false;
                }
                continue;
            }
            byte b = data.get();
            if (b != '\n') {
                if (line.size() >= maxLineLength) {
                    if (!skipping) {
                        skipping = true;
                        listener.error(new ImapSyntaxException("Response line too long"));
                    }
                } else {
                    line.write(b);
                }
                continue;
            }
            byte[] text = line.toByteArray();
            line.reset();
            int length = text.length > 0 && text[text.length - 1] == '\r' ? text.length - 1 : text.length;
            long size = literalSize(text, length);
            if (skipping) {
                if (size >= 0) {
                    literalRemaining = size;
                    skippingLiteral = true;
                    if (size == 0) {
                        literalRemaining = -1;
                        skippingLiteral = false;
                    }
                } else {
                    skipping = false;
                    reset();
                }
                continue;
            }
            if (held + length > maxResponseSize) {
                listener.error(new ImapSyntaxException("Response too large"));
                reset();
                if (size >= 0) {
                    skipping = true;
                    literalRemaining = size;
                    skippingLiteral = true;
                    if (size == 0) {
                        literalRemaining = -1;
                        skippingLiteral = false;
                    }
                }
                continue;
            }
            fragments.add(java.util.Arrays.copyOf(text, length));
            held += length;
            if (size >= 0) {
                if (size > maxLiteralSize || held + size > maxResponseSize || literals.size() >= MAX_LITERALS) {
                    listener.error(new ImapSyntaxException("Literal too large"));
                    skipping = true;
                    reset();
                    literalRemaining = size;
                    skippingLiteral = true;
                } else {
                    literalRemaining = size;
                }
                if (literalRemaining == 0) {
                    literalRemaining = -1;
                    if (!skippingLiteral) {
                        literals.add(new byte[0]);
                    }
                    skippingLiteral = false;
                }
                continue;
            }
            try {
                ImapResponse response = new Reader(fragments, literals).response();
                reset();
                listener.response(response);
            } catch (ImapSyntaxException e) {
                reset();
                listener.error(e);
            }
        }
    }

    private void reset() {
        fragments.clear();
        literals.clear();
        held = 0;
    }

    /** The size of a literal announced at the end of a line ({@code {12}} or {@code {12+}}), or -1. */
    private static long literalSize(byte[] text, int length) {
        if (length < 3 || text[length - 1] != '}') {
            return -1;
        }
        int end = length - 1;
        if (text[end - 1] == '+') {
            end--;
        }
        int i = end - 1;
        while (i >= 0 && text[i] >= '0' && text[i] <= '9') {
            i--;
        }
        if (i < 0 || text[i] != '{' || i == end - 1 || end - 1 - i > 18) {
            return -1;
        }
        return Long.parseLong(new String(text, i + 1, end - i - 1, UTF_8));
    }

    /** Turns one response's fragments and literals into tokens. */
    private static final class Reader {
        private final List<byte[]> fragments;
        private final List<byte[]> literals;
        private int fragment;
        private int pos;

        Reader(List<byte[]> fragments, List<byte[]> literals) {
            this.fragments = fragments;
            this.literals = literals;
        }

        private byte[] text() {
            return fragments.get(fragment);
        }

        private boolean atEnd() {
            return pos >= text().length && fragment == fragments.size() - 1;
        }

        ImapResponse response() throws ImapSyntaxException {
            byte[] first = text();
            int space = indexOf(first, (byte) ' ', 0);
            String tag = new String(first, 0, space < 0 ? first.length : space, UTF_8);
            if (tag.isEmpty()) {
                throw new ImapSyntaxException("Missing tag");
            }
            pos = space < 0 ? first.length : space + 1;
            if (tag.equals("+")) {
                return new ImapResponse("+", null, List.of(), List.of(), rest());
            }
            int wordEnd = pos;
            while (wordEnd < first.length && first[wordEnd] != ' ') {
                wordEnd++;
            }
            String word = new String(first, pos, wordEnd - pos, UTF_8).toUpperCase(Locale.ROOT);
            if (List.of("OK", "NO", "BAD", "PREAUTH", "BYE").contains(word)) {
                pos = Math.min(wordEnd + 1, first.length);
                List<ImapArg> code = List.of();
                if (pos < first.length && first[pos] == '[' && fragments.size() == 1) {
                    int close = matchingBracket(first, pos);
                    if (close < 0) {
                        throw new ImapSyntaxException("Unterminated response code");
                    }
                    Reader inner = new Reader(List.of(java.util.Arrays.copyOfRange(first, pos + 1, close)), List.of());
                    code = inner.tokens(0, false);
                    pos = Math.min(close + 2, first.length);
                }
                return new ImapResponse(tag, word, code, List.of(), rest());
            }
            if (!tag.equals("*")) {
                throw new ImapSyntaxException("Tagged response without a status");
            }
            return new ImapResponse(tag, null, List.of(), tokens(0, false), "");
        }

        private String rest() {
            StringBuilder out = new StringBuilder();
            byte[] t = text();
            out.append(new String(t, Math.min(pos, t.length), Math.max(0, t.length - pos), UTF_8));
            for (int f = fragment + 1; f < fragments.size(); f++) {
                out.append(new String(literals.get(f - 1), UTF_8)).append(new String(fragments.get(f), UTF_8));
            }
            return out.toString();
        }

        private static int indexOf(byte[] bytes, byte b, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        private static int matchingBracket(byte[] bytes, int open) {
            int depth = 0;
            boolean quoted = false;
            for (int i = open; i < bytes.length; i++) {
                byte b = bytes[i];
                if (quoted) {
                    if (b == '\\') {
                        i++;
                    } else if (b == '"') {
                        quoted = false;
                    }
                } else if (b == '"') {
                    quoted = true;
                } else if (b == '[') {
                    depth++;
                } else if (b == ']' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        /** Reads tokens until the end (or the closing parenthesis when nested). */
        List<ImapArg> tokens(int depth, boolean nested) throws ImapSyntaxException {
            if (depth > MAX_DEPTH) {
                throw new ImapSyntaxException("Nested too deeply");
            }
            List<ImapArg> out = new ArrayList<>();
            while (true) {
                if (pos >= text().length) {
                    if (fragment == fragments.size() - 1) {
                        if (nested) {
                            throw new ImapSyntaxException("Unbalanced parenthesis");
                        }
                        return out;
                    }
                    throw new ImapSyntaxException("Literal in an unexpected place");
                }
                byte b = text()[pos];
                switch (b) {
                    case ' ' -> pos++;
                    case '(' -> {
                        pos++;
                        out.add(new ImapArg.Paren(tokens(depth + 1, true)));
                    }
                    case ')' -> {
                        if (!nested) {
                            throw new ImapSyntaxException("Unbalanced parenthesis");
                        }
                        pos++;
                        return out;
                    }
                    case '"' -> out.add(quoted());
                    case '{' -> out.add(literal());
                    case '~' -> {
                        pos++;
                        if (pos >= text().length || text()[pos] != '{') {
                            throw new ImapSyntaxException("Invalid literal8");
                        }
                        out.add(literal());
                    }
                    default -> out.add(atom());
                }
            }
        }

        private ImapArg quoted() throws ImapSyntaxException {
            byte[] t = text();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = pos + 1; i < t.length; i++) {
                byte b = t[i];
                if (b == '\\' && i + 1 < t.length) {
                    out.write(t[++i]);
                } else if (b == '"') {
                    pos = i + 1;
                    return new ImapArg.Str(out.toByteArray(), false);
                } else {
                    out.write(b);
                }
            }
            throw new ImapSyntaxException("Unterminated quoted string");
        }

        private ImapArg literal() throws ImapSyntaxException {
            byte[] t = text();
            int close = indexOf(t, (byte) '}', pos);
            if (close != t.length - 1 || fragment >= literals.size()) {
                throw new ImapSyntaxException("Invalid literal");
            }
            byte[] bytes = literals.get(fragment);
            fragment++;
            pos = 0;
            return new ImapArg.Str(bytes, true);
        }

        private ImapArg atom() throws ImapSyntaxException {
            byte[] t = text();
            int start = pos;
            while (pos < t.length) {
                byte b = t[pos];
                if (b == '[') {
                    int close = matchingBracket(t, pos);
                    if (close < 0) {
                        throw new ImapSyntaxException("Unterminated [");
                    }
                    pos = close + 1;
                    continue;
                }
                if (b == ' ' || b == '(' || b == ')' || b == '"' || b == '{' || b < 0x20 && b >= 0) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new ImapSyntaxException("Unexpected character");
            }
            return new ImapArg.Atom(new String(t, start, pos - start, UTF_8));
        }
    }
}
