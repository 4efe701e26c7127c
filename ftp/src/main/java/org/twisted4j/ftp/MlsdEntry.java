package org.twisted4j.ftp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One line of an MLSD listing or MLST reply (RFC 3659 §7): facts and a name.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 *
 * @param name the entry's name, as the server sent it (may hold spaces and semicolons)
 * @param facts the facts, names lower-cased, in the order given
 */
public record MlsdEntry(String name, Map<String, String> facts) {

    /** Copies the facts. */
    public MlsdEntry {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * Parses one line, without its line end: {@code fact=value;fact=value; name}.
     *
     * @throws FtpSyntaxException (501) if there is no space before the name or a fact has no {@code =}
     */
    public static MlsdEntry parse(String line) throws FtpSyntaxException {
        String text = line;
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new FtpSyntaxException(501, "MLSD line without a name");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (String fact : text.substring(0, space).split(";")) {
            if (fact.isEmpty()) {
                continue;
            }
            int equals = fact.indexOf('=');
            if (equals <= 0) {
                throw new FtpSyntaxException(501, "MLSD fact without a value");
            }
            facts.put(fact.substring(0, equals).toLowerCase(Locale.ROOT), fact.substring(equals + 1));
        }
        return new MlsdEntry(text.substring(space + 1), facts);
    }

    /** The {@code type} fact, lower-cased ({@code file}, {@code dir}, {@code cdir}, {@code pdir}), or "". */
    public String type() {
        return facts.getOrDefault("type", "").toLowerCase(Locale.ROOT);
    }

    /** Whether the entry is a directory (not the current or parent one). */
    public boolean isDirectory() {
        return type().equals("dir");
    }

    /** The {@code size} fact, if given and a number. */
    public OptionalLong size() {
        try {
            String size = facts.get("size");
            return size == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(size));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes the entry back as a line: facts then a space and the name. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        facts.forEach((k, v) -> out.append(k).append('=').append(v).append(';'));
        return out.append(' ').append(name).toString();
    }
}
