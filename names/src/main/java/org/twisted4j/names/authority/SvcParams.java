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
            if (key <= 6) {
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
                for (String item : list(value)) {
                    byte[] id = RdataText.bytes(new Token(item, false));
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

    /** Splits a comma-separated list, a backslash keeping a comma inside an item. */
    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                item.append(c).append(value.charAt(++i));
            } else if (c == ',') {
                items.add(item.toString());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString());
        for (String each : items) {
            if (each.isEmpty()) {
                throw new IllegalArgumentException("an empty item in the list " + TextNames.abbreviate(value));
            }
        }
        return items;
    }
}
