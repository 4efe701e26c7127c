package org.twisted4j.cred;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenSSH {@code authorized_keys} text (sshd(8)). Blank lines and lines starting with {@code #} are
 * skipped, and so is every line that is not a key (as sshd does), so one bad line does not lock out the others.
 * A key line is an optional options field (comma-separated, double quotes protecting spaces and commas), the key
 * type, the base 64 blob and an optional comment. The blob must decode and must name the same key type in its
 * first field.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class AuthorizedKeys {

    /** Lines longer than this are skipped: OpenSSH's own limit on an authorized_keys line. */
    public static final int MAX_LINE = 16 * 1024;

    private AuthorizedKeys() {
    }

    /** Returns the keys of a file's text, in order, skipping what is not a key. */
    public static List<AuthorizedKey> parse(String text) {
        List<AuthorizedKey> keys = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            AuthorizedKey key = parseLine(line);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Returns the key of one line, or null if the line is blank, a comment or not a key. */
    public static @Nullable AuthorizedKey parseLine(String line) {
        if (line.length() > MAX_LINE) {
            return null;
        }
        String rest = line.strip();
        if (rest.isEmpty() || rest.startsWith("#")) {
            return null;
        }
        AuthorizedKey key = parseKey("", rest);
        if (key != null) {
            return key;
        }
        int end = endOfOptions(rest);
        if (end <= 0 || end == rest.length()) {
            return null;
        }
        return parseKey(rest.substring(0, end), rest.substring(end).strip());
    }

    /** The index of the first white space outside quotes, or -1 if a quote is not closed. */
    private static int endOfOptions(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted && i + 1 < text.length()) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                return i;
            }
        }
        return quoted ? -1 : text.length();
    }

    private static @Nullable AuthorizedKey parseKey(String options, String text) {
        String[] parts = text.split("[ \t]+", 3);
        if (parts.length < 2 || !plausibleType(parts[0])) {
            return null;
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String named = firstString(blob);
        if (named == null || !named.equals(parts[0])) {
            return null;
        }
        return new AuthorizedKey(options, parts[0], blob, parts.length == 3 ? parts[2].strip() : "");
    }

    private static boolean plausibleType(String type) {
        if (type.isEmpty() || type.length() > 64) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '@' || c == '.' || c == '_') || c > 126) {
                return false;
            }
        }
        return true;
    }

    /** The first SSH string of a blob, or null if there is none. */
    private static @Nullable String firstString(byte[] blob) {
        try {
            return new SshWire(blob).name();
        } catch (IllegalArgumentException notAString) {
            return null;
        }
    }
}
