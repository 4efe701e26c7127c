package org.twisted4j.mail.alias;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The aliases(5) file format, as Twisted's {@code loadAliasFile} reads it: {@code name: target, target, ...}
 * lines; a line starting with a space or tab continues the one before; {@code #} lines are comments; a name
 * given twice gets the targets of both lines. Names are kept in lower case.
 *
 * <p>A target is an address ({@code user} of the same domain, or {@code user@domain}), a file the message is
 * appended to ({@code /path}), a command the message is piped to ({@code |command}, quoted as
 * {@code "|command with, commas"} when it holds a comma), or a list of targets read from a file
 * ({@code :include:/path}). {@link Target#parse} tells them apart.
 *
 * <pre>{@code
 * Map<String, List<String>> aliases = AliasFile.parse(Files.readString(path));
 * }</pre>
 *
 * <p>Any thread: stateless.
 */
public final class AliasFile {

    /** The longest logical line (with its continuations), in characters. */
    public static final int MAX_LINE = 64 * 1024;
    /** The most targets a file may give. */
    public static final int MAX_TARGETS = 100_000;

    private AliasFile() {
    }

    /** What a target is. */
    public enum Kind {
        /** An address: {@code user} or {@code user@domain}. */
        ADDRESS,
        /** A file to append the message to. */
        FILE,
        /** A command to pipe the message to. */
        COMMAND,
        /** A file listing more targets. */
        INCLUDE
    }

    /**
     * One target of an alias.
     *
     * @param kind what it is
     * @param value the address, the path, or the command line
     */
    public record Target(Kind kind, String value) {
        /**
         * Tells a target's kind from its text.
         *
         * @throws IllegalArgumentException if it is empty or its path or command is
         */
        public static Target parse(String text) {
            String t = text.strip();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).strip();
            }
            Target target;
            if (t.startsWith("|")) {
                target = new Target(Kind.COMMAND, t.substring(1).strip());
            } else if (t.regionMatches(true, 0, ":include:", 0, 9)) {
                target = new Target(Kind.INCLUDE, t.substring(9).strip());
            } else if (t.startsWith(":")) {
                target = new Target(Kind.INCLUDE, t.substring(1).strip());
            } else if (t.startsWith("/")) {
                target = new Target(Kind.FILE, t);
            } else {
                target = new Target(Kind.ADDRESS, t);
            }
            if (target.value().isEmpty() || target.value().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == '"')) {
                throw new IllegalArgumentException("empty or unprintable alias target, or a quote within one: '"
                        + text.strip() + "'");
            }
            return target;
        }

        /** Returns the target as written in a file. */
        @Override
        public String toString() {
            String text = switch (kind) {
                case ADDRESS, FILE -> value;
                case COMMAND -> "|" + value;
                case INCLUDE -> ":include:" + value;
            };
            return text.contains(",") || text.startsWith("\"") || !text.equals(text.strip()) ? "\"" + text + "\"" : text;
        }
    }

    /**
     * Parses a whole file.
     *
     * @param text the file
     * @return each name (lower case) with its targets, in the order first given
     * @throws IllegalArgumentException naming the line, if a line has no {@code :}, an empty name, a name with
     *     a space, an empty or unprintable target, an unclosed quote, or passes the limits
     */
    public static Map<String, List<Target>> parse(String text) {
        Map<String, List<Target>> result = new LinkedHashMap<>();
        StringBuilder logical = null;
        int start = 0;
        int number = 0;
        int targets = 0;
        String[] lines = text.split("\r?\n", -1);
        for (String line : lines) {
            number++;
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && logical != null) {
                logical.append(line);
                if (logical.length() > MAX_LINE) {
                    throw new IllegalArgumentException("line " + start + ": longer than " + MAX_LINE);
                }
                continue;
            }
            if (logical != null) {
                targets += handle(result, logical.toString(), start);
            }
            logical = line.isBlank() ? null : new StringBuilder(line);
            start = number;
            if (logical != null && logical.length() > MAX_LINE) {
                throw new IllegalArgumentException("line " + start + ": longer than " + MAX_LINE);
            }
            if (targets > MAX_TARGETS) {
                throw new IllegalArgumentException("more than " + MAX_TARGETS + " targets");
            }
        }
        if (logical != null) {
            handle(result, logical.toString(), start);
        }
        return result;
    }

    private static int handle(Map<String, List<Target>> result, String line, int number) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("line " + number + ": expected name: target, target...");
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '"' || c == ',')) {
            throw new IllegalArgumentException("line " + number + ": bad alias name '" + name + "'");
        }
        List<Target> targets = new ArrayList<>();
        try {
            for (String item : split(line.substring(colon + 1))) {
                targets.add(Target.parse(item));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": alias " + name + " has no target");
        }
        result.computeIfAbsent(name, n -> new ArrayList<>()).addAll(targets);
        return targets.size();
    }

    /** How deep {@code :include:} files may include others. */
    public static final int MAX_INCLUDE_DEPTH = 5;

    /**
     * Reads an aliases file and the files its {@code :include:} targets name (comma or line separated targets,
     * {@code #} comment lines), putting the included targets in place of the include. Blocking.
     *
     * @param file the aliases file
     * @return the aliases, without include targets
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a file is malformed or includes nest deeper than
     *     {@value #MAX_INCLUDE_DEPTH}
     */
    public static Map<String, List<Target>> load(Path file) throws IOException {
        Map<String, List<Target>> aliases = parse(Files.readString(file, UTF_8));
        for (Map.Entry<String, List<Target>> entry : aliases.entrySet()) {
            List<Target> resolved = new ArrayList<>();
            for (Target target : entry.getValue()) {
                include(target, resolved, 0);
            }
            entry.setValue(resolved);
        }
        return aliases;
    }

    private static void include(Target target, List<Target> into, int depth) throws IOException {
        if (target.kind() != Kind.INCLUDE) {
            into.add(target);
            return;
        }
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new IllegalArgumentException(":include: nested deeper than " + MAX_INCLUDE_DEPTH + " at " + target.value());
        }
        StringBuilder items = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(target.value()), UTF_8)) {
            if (!line.stripLeading().startsWith("#")) {
                items.append(line).append(',');
            }
        }
        for (String item : split(items.toString())) {
            include(Target.parse(item), into, depth + 1);
        }
    }

    /** Splits at commas outside double quotes. */
    static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                add(items, item);
            } else {
                item.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote");
        }
        add(items, item);
        return items;
    }

    private static void add(List<String> items, StringBuilder item) {
        if (!item.toString().isBlank()) {
            items.add(item.toString());
        }
        item.setLength(0);
    }

    /** Writes aliases back in the file format, one line per name. */
    public static String format(Map<String, List<Target>> aliases) {
        StringBuilder out = new StringBuilder();
        aliases.forEach((name, targets) -> {
            out.append(name).append(": ");
            for (int i = 0; i < targets.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(targets.get(i));
            }
            out.append('\n');
        });
        return out.toString();
    }
}
