package org.twisted4j.names;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** The messages {@code capture.py} captured from dnspython and Python Twisted, read from the test resources. */
final class Captured {
    private Captured() {
    }

    /** The bytes of {@code captured/<name>.hex}. */
    static byte[] bytes(String name) {
        String hex = text(name + ".hex");
        if (hex == null) {
            throw new IllegalArgumentException("no captured message " + name);
        }
        return HexFormat.of().parseHex(hex.strip());
    }

    /** dnspython's presentation form of the first answer's data, without the line end, or null. */
    static @Nullable String presentation(String name) {
        String text = text(name + ".txt");
        return text == null ? null : text.substring(0, text.length() - 1);
    }

    private static @Nullable String text(String file) {
        try (InputStream in = Captured.class.getResourceAsStream("captured/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
