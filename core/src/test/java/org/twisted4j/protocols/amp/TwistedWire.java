package org.twisted4j.protocols.amp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Python Twisted 22.4's amp wrote for the values of {@code capture_twisted.py} (kept beside it as
 * {@code twisted-wire.txt}): label to bytes.
 */
final class TwistedWire {
    private static final Map<String, byte[]> CAPTURED = load();

    private TwistedWire() {
    }

    static byte[] bytes(String label) {
        byte[] bytes = CAPTURED.get(label);
        if (bytes == null) {
            throw new AssertionError("nothing captured for " + label);
        }
        return bytes.clone();
    }

    static Map<String, byte[]> withPrefix(String prefix) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        CAPTURED.forEach((label, bytes) -> {
            if (label.startsWith(prefix)) {
                found.put(label.substring(prefix.length()), bytes.clone());
            }
        });
        return found;
    }

    private static Map<String, byte[]> load() {
        try (InputStream in = TwistedWire.class.getResourceAsStream("twisted-wire.txt")) {
            if (in == null) {
                throw new AssertionError("twisted-wire.txt is missing");
            }
            Map<String, byte[]> captured = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                captured.put(line.substring(0, tab), HexFormat.of().parseHex(line.substring(tab + 1)));
            }
            return captured;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
