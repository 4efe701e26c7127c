package org.twisted4j.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text helpers of the IRC wire: splitting long text to fit a line on UTF-8 boundaries (Twisted's {@code split}),
 * and mIRC formatting codes (bold, colour, italic, underline, reverse, reset...) stripped or parsed into runs
 * (Twisted's {@code stripFormatting} and {@code parseFormattedText}).
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class IrcText {

    /** mIRC bold. */
    public static final char BOLD = '\u0002';
    /** mIRC colour: followed by up to two digits of foreground and optionally a comma and two of background. */
    public static final char COLOR = '\u0003';
    /** Hex colour (ircdocs): followed by six hex digits, optionally a comma and six more. */
    public static final char HEX_COLOR = '\u0004';
    /** Resets every attribute. */
    public static final char RESET = '\u000f';
    /** Monospace. */
    public static final char MONOSPACE = '\u0011';
    /** Reverse video. */
    public static final char REVERSE = '\u0016';
    /** Italic. */
    public static final char ITALIC = '\u001d';
    /** Strike-through. */
    public static final char STRIKETHROUGH = '\u001e';
    /** Underline. */
    public static final char UNDERLINE = '\u001f';

    private IrcText() {
    }

    /**
     * Splits text into pieces of at most {@code maxBytes} UTF-8 bytes each: first at line ends, then, for a
     * longer line, at the last space that fits, else at the last whole code point that fits. Pieces are never
     * empty unless the text is, and joining them (with the spaces and line ends split at) gives the text back.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is less than 4 (one code point)
     */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes must be at least 4, was " + maxBytes);
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            splitLine(line, maxBytes, out);
        }
        if (out.size() > 1) {
            out.removeIf(String::isEmpty);
        }
        return out;
    }

    private static void splitLine(String line, int maxBytes, List<String> out) {
        int start = 0;
        while (utf8Length(line, start, line.length()) > maxBytes) {
            int fit = start;
            int bytes = 0;
            while (fit < line.length()) {
                int cp = line.codePointAt(fit);
                int size = utf8Length(cp);
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                fit += Character.charCount(cp);
            }
            int space = line.lastIndexOf(' ', fit);
            if (space > start && space <= fit) {
                out.add(line.substring(start, space));
                start = space + 1;
            } else {
                out.add(line.substring(start, fit));
                start = fit;
            }
        }
        out.add(line.substring(start));
    }

    /** Returns how many bytes {@code s} takes in UTF-8. */
    public static int utf8Length(String s) {
        return utf8Length(s, 0, s.length());
    }

    private static int utf8Length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            n += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** Returns the text without mIRC formatting codes (and without the colour numbers after a colour code). */
    public static String stripFormatting(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (FormattedRun run : parseFormatting(text)) {
            out.append(run.text());
        }
        return out.toString();
    }

    /**
     * Parses mIRC formatting into runs of text with the attributes in force; codes are consumed, text between
     * them kept. An unknown colour number is kept as given (0..99).
     */
    public static List<FormattedRun> parseFormatting(String text) {
        List<FormattedRun> runs = new ArrayList<>();
        FormattedRun state = FormattedRun.PLAIN;
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            FormattedRun next = state;
            int consumed = 1;
            switch (c) {
                case BOLD -> next = state.withBold(!state.bold());
                case ITALIC -> next = state.withItalic(!state.italic());
                case UNDERLINE -> next = state.withUnderline(!state.underline());
                case REVERSE -> next = state.withReverse(!state.reverse());
                case STRIKETHROUGH, MONOSPACE -> next = state;
                case RESET -> next = FormattedRun.PLAIN;
                case COLOR -> {
                    int j = i + 1;
                    int fg = -1;
                    int bg = state.background();
                    int digits = digits(text, j);
                    if (digits > 0) {
                        fg = Integer.parseInt(text.substring(j, j + digits));
                        j += digits;
                        if (j + 1 < text.length() && text.charAt(j) == ',' && digits(text, j + 1) > 0) {
                            int bgDigits = digits(text, j + 1);
                            bg = Integer.parseInt(text.substring(j + 1, j + 1 + bgDigits));
                            j += 1 + bgDigits;
                        }
                        next = state.withColors(fg, bg);
                    } else {
                        next = state.withColors(-1, -1);
                    }
                    consumed = j - i;
                }
                case HEX_COLOR -> {
                    int j = i + 1;
                    if (hex6(text, j)) {
                        j += 6;
                        if (j < text.length() && text.charAt(j) == ',' && hex6(text, j + 1)) {
                            j += 7;
                        }
                    }
                    consumed = j - i;
                }
                default -> {
                    current.append(c);
                    i++;
                    continue;
                }
            }
            if (!next.sameAttributes(state)) {
                if (!current.isEmpty()) {
                    runs.add(state.withText(current.toString()));
                    current.setLength(0);
                }
                state = next;
            }
            i += consumed;
        }
        if (!current.isEmpty()) {
            runs.add(state.withText(current.toString()));
        }
        return runs;
    }

    private static int digits(String text, int from) {
        int n = 0;
        while (n < 2 && from + n < text.length() && text.charAt(from + n) >= '0' && text.charAt(from + n) <= '9') {
            n++;
        }
        return n;
    }

    private static boolean hex6(String text, int from) {
        if (from + 6 > text.length()) {
            return false;
        }
        for (int k = from; k < from + 6; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the UTF-8 bytes of {@code s}. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
