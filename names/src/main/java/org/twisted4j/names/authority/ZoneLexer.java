package org.twisted4j.names.authority;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits master-file text into entries (RFC 1035 §5.1): a physical line, or several joined by parentheses,
 * cut into tokens at blanks, with {@code ;} comments dropped and {@code "quoted strings"} kept whole.
 *
 * <p>Backslash escapes ({@code \X} and {@code \DDD}) are kept in a token's text as written, so that an escaped
 * blank, quote, semicolon or parenthesis stays inside its token; decoding them is the reader's job, since a
 * name and a character string decode differently.
 */
final class ZoneLexer {

    /** A token: its text with escapes as written, and whether it was quoted (quotes removed). */
    record Token(String text, boolean quoted) {
        @Override
        public String toString() {
            return quoted ? '"' + text + '"' : text;
        }
    }

    /**
     * An entry: the line it began on, whether that line began with a blank (the owner is omitted), and its
     * tokens.
     */
    record Entry(int line, boolean indented, List<Token> tokens) {
    }

    private ZoneLexer() {
    }

    /**
     * Splits the text into its non-empty entries.
     *
     * @throws ZoneFileError for an unbalanced parenthesis or quote, or a backslash ending the text
     */
    static List<Entry> entries(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int lineNumber = 1;
        int entryLine = 1;
        boolean indented = false;
        boolean atLineStart = true;
        int depth = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (atLineStart && depth == 0) {
                entryLine = lineNumber;
                indented = c == ' ' || c == '\t';
                atLineStart = false;
            }
            switch (c) {
                case '\n' -> {
                    endToken(token, tokens);
                    lineNumber++;
                    if (depth == 0) {
                        endEntry(entries, tokens, entryLine, indented);
                        atLineStart = true;
                    }
                    i++;
                }
                case ' ', '\t', '\r' -> {
                    endToken(token, tokens);
                    i++;
                }
                case ';' -> {
                    endToken(token, tokens);
                    while (i < n && text.charAt(i) != '\n') {
                        i++;
                    }
                }
                case '(' -> {
                    endToken(token, tokens);
                    depth++;
                    i++;
                }
                case ')' -> {
                    endToken(token, tokens);
                    if (depth == 0) {
                        throw new ZoneFileError(source, lineNumber, "')' without '('");
                    }
                    depth--;
                    i++;
                }
                case '"' -> {
                    endToken(token, tokens);
                    int start = ++i;
                    while (true) {
                        if (i >= n || text.charAt(i) == '\n') {
                            throw new ZoneFileError(source, lineNumber, "a quoted string does not end on its line");
                        }
                        char q = text.charAt(i);
                        if (q == '"') {
                            break;
                        }
                        if (q == '\\') {
                            if (i + 1 >= n || text.charAt(i + 1) == '\n') {
                                throw new ZoneFileError(source, lineNumber, "a backslash ends the line");
                            }
                            i += 2;
                        } else {
                            i++;
                        }
                    }
                    tokens.add(new Token(text.substring(start, i), true));
                    i++;
                }
                case '\\' -> {
                    if (i + 1 >= n || text.charAt(i + 1) == '\n') {
                        throw new ZoneFileError(source, lineNumber, "a backslash ends the line");
                    }
                    token.append(c).append(text.charAt(i + 1));
                    i += 2;
                }
                default -> {
                    token.append(c);
                    i++;
                }
            }
        }
        endToken(token, tokens);
        if (depth > 0) {
            throw new ZoneFileError(source, entryLine, "'(' without ')'");
        }
        endEntry(entries, tokens, entryLine, indented);
        return entries;
    }

    private static void endToken(StringBuilder token, List<Token> tokens) {
        if (!token.isEmpty()) {
            tokens.add(new Token(token.toString(), false));
            token.setLength(0);
        }
    }

    private static void endEntry(List<Entry> entries, List<Token> tokens, int line, boolean indented) {
        if (!tokens.isEmpty()) {
            entries.add(new Entry(line, indented, List.copyOf(tokens)));
            tokens.clear();
        }
    }
}
