package org.twisted4j.conch.scripts;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code cftp} command line into words as Twisted's {@code cftp} reads file names: words are separated by
 * white space, a word in double quotes keeps its spaces, and inside quotes a backslash escapes the next character.
 *
 * <h2>Threading</h2>
 * Any thread: stateless.
 */
final class CommandWords {
    /** The longest line read, in characters: longer ones are refused rather than split. */
    static final int MAX_LINE = 64 * 1024;

    private CommandWords() {
    }

    /**
     * The words of a line.
     *
     * @throws IllegalArgumentException if a quote is not closed, or the line is longer than {@link #MAX_LINE}
     */
    static List<String> split(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("the line is longer than " + MAX_LINE + " characters");
        }
        List<String> words = new ArrayList<>();
        int at = 0;
        int length = line.length();
        while (true) {
            while (at < length && Character.isWhitespace(line.charAt(at))) {
                at++;
            }
            if (at == length) {
                return words;
            }
            StringBuilder word = new StringBuilder();
            if (line.charAt(at) == '"') {
                at++;
                boolean closed = false;
                while (at < length) {
                    char c = line.charAt(at++);
                    if (c == '\\' && at < length) {
                        word.append(line.charAt(at++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        word.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quote");
                }
            } else {
                while (at < length && !Character.isWhitespace(line.charAt(at))) {
                    word.append(line.charAt(at++));
                }
            }
            words.add(word.toString());
        }
    }

    /** A word quoted so that {@link #split} reads it back as itself. */
    static String quote(String word) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
