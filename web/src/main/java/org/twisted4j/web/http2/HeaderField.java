package org.twisted4j.web.http2;

import java.util.Objects;

/**
 * One field of an HTTP/2 header list: a name and a value whose characters are the field's octets (ISO-8859-1),
 * names in lower case as HTTP/2 requires, pseudo-header names starting with a colon ({@code :path}).
 *
 * <p>A {@code sensitive} field is sent as a never-indexed literal (RFC 7541 §7.1.3), so no intermediary
 * compresses it against other traffic: use it for credentials. A decoded field is sensitive when the peer sent
 * it that way.
 *
 * <pre>{@code
 * List<HeaderField> response = List.of(new HeaderField(":status", "200"), new HeaderField("content-type", "text/plain"));
 * }</pre>
 *
 * <p>Immutable; any thread.
 *
 * @param name the field name
 * @param value the field value
 * @param sensitive whether the field must never be put in a compression table
 */
public record HeaderField(String name, String value, boolean sensitive) {

    /** The per-field overhead RFC 7541 §4.1 adds to the name and value lengths. */
    static final int ENTRY_OVERHEAD = 32;

    /**
     * Creates a field.
     *
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a field that may be indexed.
     *
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public HeaderField(String name, String value) {
        this(name, value, false);
    }

    /** Returns the size HPACK counts for this field: name and value octets plus 32. */
    public int size() {
        return name.length() + value.length() + ENTRY_OVERHEAD;
    }

    /** Returns whether this is a pseudo-header field ({@code :method}, {@code :status}, ...). */
    public boolean isPseudo() {
        return !name.isEmpty() && name.charAt(0) == ':';
    }
}
