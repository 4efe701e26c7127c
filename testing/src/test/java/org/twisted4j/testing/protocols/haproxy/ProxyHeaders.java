package org.twisted4j.testing.protocols.haproxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.twisted4j.protocols.haproxy.InvalidProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyHeader;
import org.twisted4j.protocols.haproxy.ProxyHeaderParser;

/** Headers written byte by byte for the tests, and parsing them however split. */
final class ProxyHeaders {
    static final String SIGNATURE = "0d0a0d0a000d0a515549540a";

    private ProxyHeaders() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A version 2 header: the signature, then {@code versionCommand}, {@code family}, the length, the block. */
    static byte[] v2(int versionCommand, int family, byte[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex(SIGNATURE));
        out.write(versionCommand);
        out.write(family);
        out.write(block.length >>> 8);
        out.write(block.length);
        out.writeBytes(block);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** What one parse of some bytes gave: the header and the bytes left after it, or the error. */
    record Outcome(@Nullable ProxyHeader header, String rest, @Nullable String error) {
    }

    /** Parses {@code input} cut at {@code cuts} (ascending offsets), each piece in its own buffer. */
    static Outcome parse(byte[] input, int... cuts) {
        ProxyHeaderParser parser = new ProxyHeaderParser();
        StringBuilder rest = new StringBuilder();
        ProxyHeader header = null;
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer piece = ByteBuffer.wrap(input, from, to - from).slice();
            from = to;
            if (header == null) {
                try {
                    header = parser.parse(piece);
                } catch (InvalidProxyHeader e) {
                    return new Outcome(null, "", e.getMessage());
                }
            }
            if (header != null) {
                rest.append(StandardCharsets.ISO_8859_1.decode(piece));
            }
        }
        return new Outcome(header, rest.toString(), null);
    }
}
