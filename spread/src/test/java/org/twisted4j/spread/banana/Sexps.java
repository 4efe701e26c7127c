package org.twisted4j.spread.banana;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Helpers for tests on s-expressions: structural equality with byte arrays, hex. */
public final class Sexps {

    private Sexps() {
    }

    /** Whether two s-expressions are the same: byte arrays by content, doubles by bits, lists item by item. */
    public static boolean same(@Nullable Object a, @Nullable Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Returns an s-expression as readable text: byte arrays as b"...". */
    public static String show(@Nullable Object sexp) {
        if (sexp instanceof byte[] bytes) {
            StringBuilder text = new StringBuilder("b\"");
            for (byte b : bytes) {
                if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                    text.append((char) b);
                } else {
                    text.append(String.format("\\x%02x", b & 0xff));
                }
            }
            return text.append('"').toString();
        }
        if (sexp instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(show(list.get(i)));
            }
            return text.append(']').toString();
        }
        return String.valueOf(sexp);
    }

    /** Returns bytes as lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Returns the bytes of lower-case hex. */
    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
