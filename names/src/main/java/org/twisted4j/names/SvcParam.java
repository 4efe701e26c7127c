package org.twisted4j.names;

import java.nio.charset.StandardCharsets;

/**
 * One parameter of an {@link SvcbRecord} or {@link HttpsRecord} (RFC 9460 §2.1): its key and its value as on
 * the wire. Presentation follows dnspython: {@code alpn="h2,h3"}, {@code port="443"},
 * {@code ipv4hint="192.0.2.1"}, {@code no-default-alpn}, {@code key65000="..."} for keys it does not name.
 *
 * <p>Immutable; any thread.
 */
public record SvcParam(int key, ByteString value) {
    /** The keys that must be understood. */
    public static final int MANDATORY = 0;
    /** Application protocols. */
    public static final int ALPN = 1;
    /** No default protocol. */
    public static final int NO_DEFAULT_ALPN = 2;
    /** The port. */
    public static final int PORT = 3;
    /** IPv4 address hints. */
    public static final int IPV4HINT = 4;
    /** Encrypted ClientHello configuration. */
    public static final int ECH = 5;
    /** IPv6 address hints. */
    public static final int IPV6HINT = 6;

    /** Checks the key is 16-bit and the value at most 65535 octets. */
    public SvcParam {
        java.util.Objects.requireNonNull(value, "value");
        Records.check(key, 0xffff, "key");
        Records.check(value.length(), 0xffff, "value length");
    }

    /** The key's name: {@code alpn}, {@code port}..., or {@code key} and the number. */
    public static String keyText(int key) {
        return switch (key) {
            case MANDATORY -> "mandatory";
            case ALPN -> "alpn";
            case NO_DEFAULT_ALPN -> "no-default-alpn";
            case PORT -> "port";
            case IPV4HINT -> "ipv4hint";
            case ECH -> "ech";
            case IPV6HINT -> "ipv6hint";
            default -> "key" + key;
        };
    }

    /** {@code key="value"} in presentation form, or the key alone when it has no value. */
    public String toText() {
        String name = keyText(key);
        if (value.length() == 0) {
            return name;
        }
        String text = switch (key) {
            case MANDATORY -> list(2, (b, i) -> keyText(b.get(i) << 8 | b.get(i + 1)));
            case ALPN -> alpn();
            case PORT -> value.length() == 2 ? Integer.toString(value.get(0) << 8 | value.get(1)) : null;
            case IPV4HINT -> list(4, (b, i) -> b.get(i) + "." + b.get(i + 1) + "." + b.get(i + 2) + "." + b.get(i + 3));
            case ECH -> value.base64();
            case IPV6HINT -> list(16, (b, i) -> Texts.ipv6(Records.inet6(java.util.Arrays.copyOfRange(b.array(), i,
                    i + 16))));
            default -> null;
        };
        return name + "=\"" + (text != null ? text : Texts.escaped(value.array())) + '"';
    }

    private interface Item {
        String at(ByteString bytes, int index);
    }

    private String list(int width, Item item) {
        if (value.length() % width != 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += width) {
            if (i > 0) {
                out.append(',');
            }
            out.append(item.at(value, i));
        }
        return out.toString();
    }

    private String alpn() {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int length = value.get(i);
            if (length == 0 || i + 1 + length > value.length()) {
                return null;
            }
            if (i > 0) {
                out.append(',');
            }
            String id = new String(value.array(), i + 1, length, StandardCharsets.ISO_8859_1);
            out.append(Texts.escaped(id.replace("\\", "\\\\").replace(",", "\\,")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            i += 1 + length;
        }
        return out.toString();
    }
}
