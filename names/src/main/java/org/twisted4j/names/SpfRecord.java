package org.twisted4j.names;

/**
 * A sender policy in the SPF type ({@code SPF}, RFC 4408), shaped like {@code TXT}.
 *
 * <p>Immutable; any thread.
 */
public record SpfRecord(java.util.List<ByteString> strings) implements RecordData {
    /**
     * Copies the strings.
     *
     * @throws IllegalArgumentException if there are none, or one is longer than 255 octets
     */
    public SpfRecord {
        strings = Records.strings(strings);
    }

    /** From text strings, each encoded in UTF-8. */
    public static SpfRecord of(String... strings) {
        return new SpfRecord(Records.utf8(strings));
    }

    @Override
    public int type() {
        return RecordType.SPF;
    }

    @Override
    public String toText() {
        return Texts.quoted(strings);
    }
}
