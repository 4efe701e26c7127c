package org.twisted4j.names;

/**
 * Text ({@code TXT}, RFC 1035 §3.3.14): one or more strings of at most 255 octets each; presentation {@code "one"
 * "two"}.
 *
 * <p>Immutable; any thread.
 */
public record TxtRecord(java.util.List<ByteString> strings) implements RecordData {
    /**
     * Copies the strings.
     *
     * @throws IllegalArgumentException if there are none, or one is longer than 255 octets
     */
    public TxtRecord {
        strings = Records.strings(strings);
    }

    /** From text strings, each encoded in UTF-8. */
    public static TxtRecord of(String... strings) {
        return new TxtRecord(Records.utf8(strings));
    }

    @Override
    public int type() {
        return RecordType.TXT;
    }

    @Override
    public String toText() {
        return Texts.quoted(strings);
    }
}
