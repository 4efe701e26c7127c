package org.twisted4j.words.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * Client-To-Client Protocol framing, as Twisted's {@code ctcpExtract}, {@code ctcpQuote}, {@code ctcpStringify}
 * and the low-level quoting {@code lowQuote}/{@code lowDequote}: a CTCP message is {@code \x01TAG data\x01}
 * inside a PRIVMSG or NOTICE.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class Ctcp {

    /** The CTCP delimiter, {@code \x01}. */
    public static final char DELIMITER = '\u0001';
    /** The low-level quote, {@code \x10}. */
    public static final char M_QUOTE = '\u0010';
    /** The CTCP-level quote, a backslash. */
    public static final char X_QUOTE = '\\';

    /**
     * What a PRIVMSG or NOTICE text holds: CTCP queries or replies, and plain text.
     *
     * @param extended the CTCP messages, in order
     * @param normal the plain text pieces between them (empty pieces left out)
     */
    public record Extracted(List<CtcpMessage> extended, List<String> normal) {
        /** Copies the lists. */
        public Extracted {
            extended = List.copyOf(extended);
            normal = List.copyOf(normal);
        }
    }

    /**
     * One CTCP message.
     *
     * @param tag the tag, such as {@code ACTION} or {@code VERSION}, upper-cased
     * @param data its data after the first space, or null when there is none
     */
    public record CtcpMessage(String tag, @org.jspecify.annotations.Nullable String data) {
    }

    private Ctcp() {
    }

    /** Returns whether {@code text} holds a CTCP delimiter. */
    public static boolean hasCtcp(String text) {
        return text.indexOf(DELIMITER) >= 0;
    }

    /**
     * Splits a message text into CTCP messages and plain text; the pieces at odd positions between delimiters
     * are CTCP, and a final unclosed one still counts, as in Twisted.
     */
    public static Extracted extract(String text) {
        String[] pieces = text.split(String.valueOf(DELIMITER), -1);
        List<CtcpMessage> extended = new ArrayList<>();
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i % 2 == 0) {
                if (!piece.isEmpty()) {
                    normal.add(piece);
                }
            } else if (!piece.isEmpty()) {
                String unquoted = dequote(piece);
                int space = unquoted.indexOf(' ');
                String tag = (space < 0 ? unquoted : unquoted.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
                extended.add(new CtcpMessage(tag, space < 0 ? null : unquoted.substring(space + 1)));
            }
        }
        return new Extracted(extended, normal);
    }

    /** Writes CTCP messages, each as {@code \x01TAG data\x01}, quoted. */
    public static String stringify(List<CtcpMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (CtcpMessage m : messages) {
            out.append(DELIMITER).append(quote(m.tag()));
            if (m.data() != null) {
                out.append(' ').append(quote(m.data()));
            }
            out.append(DELIMITER);
        }
        return out.toString();
    }

    /** Writes one CTCP message. */
    public static String stringify(String tag, @org.jspecify.annotations.Nullable String data) {
        return stringify(List.of(new CtcpMessage(tag, data)));
    }

    /** CTCP-level quoting: backslash as {@code \\}, the delimiter as {@code \a}. */
    public static String quote(String s) {
        return s.replace("\\", "\\\\").replace(String.valueOf(DELIMITER), "\\a");
    }

    /** Undoes {@link #quote}; an unknown escape gives the escaped character. */
    public static String dequote(String s) {
        if (s.indexOf(X_QUOTE) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == X_QUOTE && i + 1 < s.length()) {
                char e = s.charAt(++i);
                out.append(e == 'a' ? DELIMITER : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Low-level quoting of a whole message: {@code \x10}, NUL, LF and CR as {@code \x10} escapes. */
    public static String lowQuote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case M_QUOTE -> out.append(M_QUOTE).append(M_QUOTE);
                case '\0' -> out.append(M_QUOTE).append('0');
                case '\n' -> out.append(M_QUOTE).append('n');
                case '\r' -> out.append(M_QUOTE).append('r');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Undoes {@link #lowQuote}. */
    public static String lowDequote(String s) {
        if (s.indexOf(M_QUOTE) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == M_QUOTE && i + 1 < s.length()) {
                char e = s.charAt(++i);
                out.append(switch (e) {
                    case '0' -> '\0';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
