package org.twisted4j.names.authority;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.twisted4j.names.authority.ZoneLexer.Token;

/** The service parameters of SVCB and HTTPS records in presentation form (RFC 9460 §2.1, §7). */
final class SvcParams {

    private static final String[] KEYS = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech",
        "ipv6hint"};

    private SvcParams() {
    }

    /**
     * Writes the parameters in ascending key order.
     *
     * @throws IllegalArgumentException for an unknown key, a repeated key, or a bad value
     */
    static void write(List<Token> tokens, ByteArrayOutputStream out) {
        TreeMap<Integer, byte[]> params = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.quoted()) {
                throw new IllegalArgumentException("a service parameter cannot begin with a quote");
            }
            String text = token.text();
            int equals = text.indexOf('=');
            String keyText = equals < 0 ? text : text.substring(0, equals);
            String value = null;
            if (equals >= 0) {
                value = text.substring(equals + 1);
                if (value.isEmpty() && i + 1 < tokens.size() && tokens.get(i + 1).quoted()) {
                    value = tokens.get(++i).text();
                }
            }
            int key = key(keyText);
            if (params.put(key, value(key, value)) != null) {
                throw new IllegalArgumentException("service parameter " + keyText + " given twice");
            }
        }
        params.forEach((key, value) -> {
            out.write(key >> 8);
            out.write(key);
            out.write(value.length >> 8);
            out.write(value.length);
            out.writeBytes(value);
        });
    }

    private static int key(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(lower)) {
                return i;
            }
        }
        if (lower.startsWith("key")) {
            return (int) RdataText.number(lower.substring(3), 0xFFFF);
        }
        throw new IllegalArgumentException("unknown service parameter " + TextNames.abbreviate(text));
    }

    private static byte[] value(int key, String value) {
        if (key == 2) {
            if (value != null) {
                throw new IllegalArgumentException("no-default-alpn takes no value");
            }
            return new byte[0];
        }
        if (value == null) {
            if (key <= 6 && key != 5) {
                throw new IllegalArgumentException(KEYS[key] + " needs a value");
            }
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (key) {
            case 0 -> {
                for (String item : list(value)) {
                    int k = key(item);
                    out.write(k >> 8);
                    out.write(k);
                }
            }
            case 1 -> {
                for (byte[] id : items(value)) {
                    if (id.length == 0 || id.length > 255) {
                        throw new IllegalArgumentException("an ALPN id is 1 to 255 bytes");
                    }
                    out.write(id.length);
                    out.writeBytes(id);
                }
            }
            case 3 -> {
                int port = (int) RdataText.number(value, 0xFFFF);
                out.write(port >> 8);
                out.write(port);
            }
            case 4, 6 -> {
                for (String item : list(value)) {
                    List<Token> one = List.of(new Token(item, false));
                    out.writeBytes(RdataText.toWire(key == 4 ? RecordTypes.A : RecordTypes.AAAA, one, "."));
                }
            }
            case 5 -> {
                try {
                    out.writeBytes(Base64.getDecoder().decode(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad base64 in ech");
                }
            }
            default -> out.writeBytes(RdataText.bytes(new Token(value, false)));
        }
        if (out.size() > 0xFFFF) {
            throw new IllegalArgumentException("a service parameter value is at most 65535 bytes");
        }
        return out.toByteArray();
    }

    /**
     * Splits a comma-separated list as RFC 9460 Appendix A.1 says: the value's character-string escapes are
     * decoded first, then the bytes are cut at commas, a backslash taking the byte after it literally (so
     * {@code \\,} in the zone file is a comma inside an item).
     */
    private static List<byte[]> items(String value) {
        byte[] decoded = RdataText.bytes(new Token(value, false));
        List<byte[]> items = new ArrayList<>();
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        for (int i = 0; i < decoded.length; i++) {
            byte b = decoded[i];
            if (b == '\\' && i + 1 < decoded.length) {
                item.write(decoded[++i]);
            } else if (b == ',') {
                items.add(item.toByteArray());
                item.reset();
            } else {
                item.write(b);
            }
        }
        items.add(item.toByteArray());
        for (byte[] each : items) {
            if (each.length == 0) {
                throw new IllegalArgumentException("an empty item in the list " + TextNames.abbreviate(value));
            }
        }
        return items;
    }

    private static List<String> list(String value) {
        List<String> strings = new ArrayList<>();
        for (byte[] item : items(value)) {
            strings.add(new String(item, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return strings;
    }
}
