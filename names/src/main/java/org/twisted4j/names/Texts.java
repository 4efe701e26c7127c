package org.twisted4j.names;

import java.net.Inet6Address;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Presentation-form pieces shared by the record types: quoted strings, chunked hex and base64, type lists. */
final class Texts {
    private Texts() {
    }

    static int numbered(String upper, String prefix) {
        if (upper.startsWith(prefix) && upper.length() > prefix.length() && upper.length() <= prefix.length() + 5) {
            String digits = upper.substring(prefix.length());
            if (digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int value = Integer.parseInt(digits);
                if (value <= 0xffff) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + prefix.toLowerCase(java.util.Locale.ROOT) + " " + upper);
    }

    /** Octets as in a quoted {@code <character-string>}, without the quotes. */
    static String escaped(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
        return out.toString();
    }

    static String quoted(ByteString bytes) {
        return '"' + escaped(bytes.array()) + '"';
    }

    static String quoted(List<ByteString> strings) {
        StringBuilder out = new StringBuilder();
        for (ByteString string : strings) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(quoted(string));
        }
        return out.toString();
    }

    static String chunked(String text, int chunk) {
        if (text.length() <= chunk) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + text.length() / chunk);
        for (int i = 0; i < text.length(); i += chunk) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(text, i, Math.min(text.length(), i + chunk));
        }
        return out.toString();
    }

    static String hex(ByteString bytes, int chunk) {
        return chunked(HexFormat.of().formatHex(bytes.array()), chunk);
    }

    static String base64(ByteString bytes) {
        return chunked(Base64.getEncoder().encodeToString(bytes.array()), 32);
    }

    static String types(List<Integer> types) {
        StringBuilder out = new StringBuilder();
        for (int type : types) {
            out.append(' ').append(RecordType.toText(type));
        }
        return out.toString();
    }

    /** An IPv6 address in RFC 5952's form: lower case, leading zeros dropped, the longest run of zeros as ::. */
    static String ipv6(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        if (bestStart == 0 && (bestLength == 6 || bestLength == 5 && words[5] == 0xffff)) {
            out.append(bestLength == 6 ? "::" : "::ffff:");
            out.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                    .append(b[15] & 0xff);
            return out.toString();
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }
}
