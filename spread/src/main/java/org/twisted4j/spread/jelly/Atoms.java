package org.twisted4j.spread.jelly;

import java.nio.charset.StandardCharsets;

/** The type atoms jelly writes. The arrays are shared: nothing may change them. */
final class Atoms {

    static final byte[] NONE = bytes("None");
    static final byte[] UNICODE = bytes("unicode");
    static final byte[] BOOLEAN = bytes("boolean");
    static final byte[] TRUE = bytes("true");
    static final byte[] FALSE = bytes("false");
    static final byte[] DATETIME = bytes("datetime");
    static final byte[] DATE = bytes("date");
    static final byte[] TIME = bytes("time");
    static final byte[] TIMEDELTA = bytes("timedelta");
    static final byte[] DECIMAL = bytes("decimal");
    static final byte[] LIST = bytes("list");
    static final byte[] TUPLE = bytes("tuple");
    static final byte[] DICTIONARY = bytes("dictionary");
    static final byte[] SET = bytes("set");
    static final byte[] FROZENSET = bytes("frozenset");
    static final byte[] REFERENCE = bytes("reference");
    static final byte[] DEREFERENCE = bytes("dereference");
    static final byte[] UNPERSISTABLE = bytes("unpersistable");

    /** The type atoms a reader meets most, by length, as the Strings it looks them up by. */
    private static final String[][] KNOWN_BY_LENGTH = byLength("None", "unicode", "boolean", "datetime", "date",
            "time", "timedelta", "decimal", "list", "tuple", "dictionary", "set", "frozenset", "reference",
            "dereference", "unpersistable", "persistent", "instance", "class", "module", "function", "copy", "cache",
            "cached", "remote", "local", "lcache");

    private Atoms() {
    }

    private static String[][] byLength(String... atoms) {
        int longest = 0;
        for (String atom : atoms) {
            longest = Math.max(longest, atom.length());
        }
        String[][] table = new String[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int n = length;
            table[length] = java.util.Arrays.stream(atoms).filter(atom -> atom.length() == n).toArray(String[]::new);
        }
        return table;
    }

    /**
     * The atom these printable ASCII bytes spell as a shared String when it is a common one (no new String
     * and no new hash per message), else a new String.
     */
    static String text(byte[] bytes) {
        if (bytes.length < KNOWN_BY_LENGTH.length) {
            candidates:
            for (String atom : KNOWN_BY_LENGTH[bytes.length]) {
                for (int i = 0; i < bytes.length; i++) {
                    if (atom.charAt(i) != bytes[i]) {
                        continue candidates;
                    }
                }
                return atom;
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
