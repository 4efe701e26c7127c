package org.twisted4j.names;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Checks and presentation pieces shared by the record types' constructors and {@code toText()}s. */
final class Records {
    private static final DateTimeFormatter SIG_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private Records() {
    }

    static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is not 0 to " + max);
        }
    }

    static void checkU32(long value, String what) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(what + " " + value + " is not an unsigned 32-bit number");
        }
    }

    static void string(ByteString string) {
        if (string.length() > 255) {
            throw new IllegalArgumentException("string of " + string.length() + " octets (at most 255)");
        }
    }

    static List<ByteString> strings(List<ByteString> strings) {
        List<ByteString> copy = List.copyOf(strings);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no strings");
        }
        copy.forEach(Records::string);
        return copy;
    }

    static List<ByteString> utf8(String... strings) {
        List<ByteString> out = new ArrayList<>(strings.length);
        for (String s : strings) {
            out.add(ByteString.of(s.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static void caaTag(ByteString tag) {
        if (tag.length() == 0 || tag.length() > 255) {
            throw new IllegalArgumentException("CAA tag of " + tag.length() + " octets (1 to 255)");
        }
        for (int i = 0; i < tag.length(); i++) {
            int c = tag.get(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("CAA tag with a character other than a letter or digit");
            }
        }
    }

    static Inet4Address ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)
                    || parts[i].length() > 1 && parts[i].charAt(0) == '0') {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            octets[i] = (byte) value;
        }
        return (Inet4Address) address(octets);
    }

    static Inet6Address ipv6(String text) {
        if (text.isEmpty() || !text.contains(":") || !text.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            InetAddress parsed = InetAddress.getByName(text);
            byte[] bytes = parsed.getAddress();
            if (bytes.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            return inet6(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text, e);
        }
    }

    static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + octets.length + " octets", e);
        }
    }

    /** An IPv6 address from 16 octets, kept IPv6 even when it is IPv4-mapped. */
    static Inet6Address inet6(byte[] octets) {
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + octets.length + " octets", e);
        }
    }

    static List<Integer> types(List<Integer> types) {
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int type : types) {
            check(type, 0xffff, "type");
            sorted.add(type);
        }
        return List.copyOf(sorted);
    }

    static String sigTime(long seconds) {
        return SIG_TIME.format(Instant.ofEpochSecond(seconds));
    }

    static String salt(ByteString salt) {
        return salt.length() == 0 ? "-" : salt.hex();
    }

    static String base32hex(ByteString bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < bytes.length(); i++) {
            buffer = buffer << 8 | bytes.get(i);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32HEX[buffer >>> (bits - 5) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32HEX[buffer << (5 - bits) & 31]);
        }
        return out.toString();
    }

    static List<SvcParam> svcParams(List<SvcParam> params) {
        List<SvcParam> copy = List.copyOf(params);
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).key() <= copy.get(i - 1).key()) {
                throw new IllegalArgumentException("SvcParam keys not in strictly increasing order");
            }
        }
        return copy;
    }

    static String svcbText(int priority, Name target, List<SvcParam> params) {
        StringBuilder out = new StringBuilder().append(priority).append(' ').append(target);
        for (SvcParam param : params) {
            out.append(' ').append(param.toText());
        }
        return out.toString();
    }

    static String optionsText(List<EdnsOption> options) {
        StringBuilder out = new StringBuilder();
        for (EdnsOption option : options) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(option.toText());
        }
        return out.toString();
    }
}
