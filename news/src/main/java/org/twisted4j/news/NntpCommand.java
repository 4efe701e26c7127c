package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One NNTP command line (RFC 3977 §3.1): a keyword and its arguments, split on spaces and tabs.
 *
 * <pre>{@code
 * NntpCommand command = NntpCommand.parse("group misc.test".getBytes(US_ASCII), NntpCommand.MAX_LINE);
 * command.keyword();   // "GROUP"
 * command.args();      // [misc.test]
 * }</pre>
 *
 * <p>The keyword is upper-cased (keywords are case-insensitive); arguments keep their case. A line is at most
 * {@value #MAX_LINE} octets with its CRLF (so {@code MAX_LINE - 2} without it), a keyword at most
 * {@value #MAX_KEYWORD} characters, and the line must be UTF-8 without control characters other than the
 * separators; anything else is an {@link NntpSyntaxException} with 500 (an empty or overlong line, a bad keyword)
 * or 501 (bad arguments). Immutable.
 *
 * @param keyword the command's keyword, upper case
 * @param args its arguments, possibly none
 */
public record NntpCommand(String keyword, List<String> args) {

    /** The longest command line, in octets with the CRLF (RFC 3977 §3.1). */
    public static final int MAX_LINE = 512;
    /** The longest keyword (RFC 3977 §3.1: at most 12 characters). */
    public static final int MAX_KEYWORD = 12;

    /**
     * Makes a command.
     *
     * @param keyword the keyword, upper-cased here
     * @param args its arguments, copied
     */
    public NntpCommand {
        keyword = keyword.toUpperCase(Locale.ROOT);
        args = List.copyOf(args);
    }

    /**
     * Parses a command line without its CRLF.
     *
     * @param line the line's octets
     * @param maxLength the longest line accepted, in octets without the CRLF
     * @return the command
     * @throws NntpSyntaxException with 500 for an empty or overlong line or a bad keyword, 501 for arguments
     *     that are not UTF-8 or hold control characters
     */
    public static NntpCommand parse(byte[] line, int maxLength) throws NntpSyntaxException {
        if (line.length > maxLength) {
            throw new NntpSyntaxException(500, "Line too long");
        }
        String text = new String(line, UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            throw new NntpSyntaxException(501, "Command not UTF-8");
        }
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == ' ' || c == '\t') {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
            } else if (c < 0x20 || c == 0x7f) {
                throw new NntpSyntaxException(words.isEmpty() && start < 0 ? 500 : 501, "Control character in command");
            } else if (start < 0) {
                start = i;
            }
        }
        if (words.isEmpty()) {
            throw new NntpSyntaxException(500, "Empty command");
        }
        String keyword = words.get(0);
        if (keyword.length() > MAX_KEYWORD || !keyword.chars().allMatch(c -> c < 0x80 && c > 0x20)) {
            throw new NntpSyntaxException(500, "Unknown command");
        }
        return new NntpCommand(keyword, words.subList(1, words.size()));
    }

    /** Returns the argument at {@code index}, or null if there are fewer. */
    public @Nullable String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** Returns the line this command is sent as, without the CRLF. */
    public String encode() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}
