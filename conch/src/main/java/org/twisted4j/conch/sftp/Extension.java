package org.twisted4j.conch.sftp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A name and its data: an extension announced in INIT or VERSION (data is the extension's version text's
 * octets), or an extended attribute pair.
 *
 * <h2>Threading</h2>
 * Any thread (immutable; the data is copied in and out).
 *
 * @param name the extension's or attribute's name, such as {@code posix-rename@openssh.com}
 * @param data its data
 */
public record Extension(String name, byte[] data) {

    /** Copies the data. */
    public Extension {
        Objects.requireNonNull(name, "name");
        data = data.clone();
    }

    /** An extension with text data (as the version strings of VERSION's extensions). */
    public static Extension of(String name, String data) {
        return new Extension(name, data.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Returns a copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Extension e && name.equals(e.name) && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Extension[" + name + "=" + HexFormat.of().formatHex(data, 0, Math.min(data.length, 32)) + "]";
    }
}
