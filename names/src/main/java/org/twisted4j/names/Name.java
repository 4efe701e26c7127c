package org.twisted4j.names;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A domain name: a sequence of labels, always absolute (the root is the empty sequence). Labels are octets, at
 * most {@value #MAX_LABEL} each, and the whole name at most {@value #MAX_WIRE_LENGTH} octets on the wire. Case is
 * preserved as given but ignored when names are compared (ASCII letters only, RFC 4343), so {@code Example.COM}
 * equals {@code example.com} and both hash alike.
 *
 * <pre>{@code
 * Name www = Name.of("www.example.com");           // presentation form, trailing dot optional
 * Name idn = Name.fromUnicode("bücher.example");   // IDNA: xn--bcher-kva.example.
 * www.isSubdomainOf(Name.of("example.com"));         // true
 * www.toString();                                    // "www.example.com."
 * }</pre>
 *
 * <p>The presentation form ({@link #toString()}) ends with a dot and escapes what zone files must escape:
 * {@code \.} and the like for special characters, {@code \DDD} for octets outside printable ASCII, as
 * dnspython's {@code to_text()} does. Compression and decompression on the wire belong to {@link Message}.
 *
 * <p>Immutable; any thread.
 */
public final class Name implements Comparable<Name> {
    /** The longest label, in octets (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL = 63;
    /** The longest name on the wire, in octets, length octets and the root's zero included (RFC 1035 §2.3.4). */
    public static final int MAX_WIRE_LENGTH = 255;
    /** The root, {@code .}. */
    public static final Name ROOT = new Name(new byte[0][]);

    private static final String SPECIAL = "\"().;\\@$";

    private final byte[][] labels;
    private final int hash;

    private Name(byte[][] labels) {
        this.labels = labels;
        int h = 1;
        for (byte[] label : labels) {
            for (byte b : label) {
                h = 31 * h + lower(b);
            }
            h = 31 * h + label.length;
        }
        this.hash = h;
    }

    /**
     * A name from its labels, left to right, without the root's empty label.
     *
     * @throws IllegalArgumentException if a label is empty or longer than {@value #MAX_LABEL} octets, or the name
     *         longer than {@value #MAX_WIRE_LENGTH} on the wire
     */
    public static Name fromLabels(List<byte[]> labels) {
        byte[][] copy = new byte[labels.size()][];
        int length = 1;
        for (int i = 0; i < copy.length; i++) {
            byte[] label = labels.get(i);
            if (label.length == 0 || label.length > MAX_LABEL) {
                throw new IllegalArgumentException("label " + i + " has " + label.length + " octets (1 to 63)");
            }
            copy[i] = label.clone();
            length += label.length + 1;
        }
        if (length > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("name of " + length + " octets (at most 255)");
        }
        return new Name(copy);
    }

    /** Trusted labels, already checked and owned. */
    static Name ofChecked(byte[][] labels) {
        return labels.length == 0 ? ROOT : new Name(labels);
    }

    /**
     * Parses the presentation form: labels separated by dots, a trailing dot optional (every name is absolute),
     * {@code \X} for a character taken literally and {@code \DDD} for an octet in decimal. {@code "."} and
     * {@code ""} are the root. Characters outside ASCII are encoded in UTF-8 as they are; use
     * {@link #fromUnicode(String)} for internationalised names.
     *
     * @throws IllegalArgumentException if a label is empty or too long, the name too long, or an escape bad
     */
    public static Name of(String text) {
        if (text.isEmpty() || text.equals(".")) {
            return ROOT;
        }
        List<byte[]> labels = new ArrayList<>();
        java.io.ByteArrayOutputStream label = new java.io.ByteArrayOutputStream();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        boolean ended = false;
        for (int i = 0; i < utf8.length; i++) {
            if (ended) {
                throw new IllegalArgumentException("empty label in " + text);
            }
            byte c = utf8[i];
            if (c == '\\') {
                if (i + 1 >= utf8.length) {
                    throw new IllegalArgumentException("escape at the end of " + text);
                }
                byte next = utf8[++i];
                if (next >= '0' && next <= '9') {
                    if (i + 2 >= utf8.length || !isDigit(utf8[i + 1]) || !isDigit(utf8[i + 2])) {
                        throw new IllegalArgumentException("\\DDD needs three digits in " + text);
                    }
                    int value = (next - '0') * 100 + (utf8[i + 1] - '0') * 10 + (utf8[i + 2] - '0');
                    if (value > 255) {
                        throw new IllegalArgumentException("\\" + value + " is not an octet in " + text);
                    }
                    label.write(value);
                    i += 2;
                } else {
                    label.write(next);
                }
            } else if (c == '.') {
                if (label.size() == 0) {
                    throw new IllegalArgumentException("empty label in " + text);
                }
                labels.add(label.toByteArray());
                label.reset();
                if (i == utf8.length - 1) {
                    ended = true;
                }
            } else {
                label.write(c);
            }
        }
        if (label.size() > 0) {
            labels.add(label.toByteArray());
        }
        return fromLabels(labels);
    }

    /**
     * An internationalised name from its Unicode form, each label converted with IDNA ({@link IDN#toASCII}),
     * as a user types it: {@code bücher.example} becomes {@code xn--bcher-kva.example.}.
     *
     * @throws IllegalArgumentException if IDNA refuses a label, or the result is not a valid name
     */
    public static Name fromUnicode(String text) {
        String stripped = text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
        if (stripped.isEmpty() || stripped.equals(".")) {
            return ROOT;
        }
        String ascii = IDN.toASCII(stripped, IDN.ALLOW_UNASSIGNED);
        return of(ascii);
    }

    /** The labels, left to right, without the root; copies. */
    public List<byte[]> labels() {
        List<byte[]> copy = new ArrayList<>(labels.length);
        for (byte[] label : labels) {
            copy.add(label.clone());
        }
        return copy;
    }

    /** How many labels, the root not counted. */
    public int labelCount() {
        return labels.length;
    }

    /** The label at {@code index} (0 is the leftmost) in presentation form, escaped. */
    public String label(int index) {
        StringBuilder out = new StringBuilder();
        appendLabel(out, labels[index]);
        return out.toString();
    }

    byte[] rawLabel(int index) {
        return labels[index];
    }

    /** Whether this is the root. */
    public boolean isRoot() {
        return labels.length == 0;
    }

    /** The length on the wire, uncompressed: length octets, labels and the root's zero. */
    public int wireLength() {
        int length = 1;
        for (byte[] label : labels) {
            length += label.length + 1;
        }
        return length;
    }

    /** The name without its leftmost label; the root's parent is the root. */
    public Name parent() {
        return suffix(Math.min(1, labels.length));
    }

    /** The name without its {@code skip} leftmost labels. */
    Name suffix(int skip) {
        return skip == 0 ? this : ofChecked(Arrays.copyOfRange(labels, skip, labels.length));
    }

    /**
     * {@code label} prepended to this name.
     *
     * @throws IllegalArgumentException if the label is empty or too long, or the result too long
     */
    public Name child(String label) {
        Name first = of(label);
        List<byte[]> all = first.labels();
        all.addAll(labels());
        return fromLabels(all);
    }

    /** Whether this name is {@code other} or below it, ignoring case. Every name is a subdomain of the root. */
    public boolean isSubdomainOf(Name other) {
        int skip = labels.length - other.labels.length;
        if (skip < 0) {
            return false;
        }
        for (int i = 0; i < other.labels.length; i++) {
            if (!equalLabels(labels[skip + i], other.labels[i])) {
                return false;
            }
        }
        return true;
    }

    /** This name with every ASCII letter in lower case, for canonical forms (RFC 4034 §6.2). */
    public Name toLowerCase() {
        byte[][] lowered = new byte[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            lowered[i] = labels[i].clone();
            for (int j = 0; j < lowered[i].length; j++) {
                lowered[i][j] = (byte) lower(lowered[i][j]);
            }
        }
        return ofChecked(lowered);
    }

    /**
     * The Unicode form for showing to users: each {@code xn--} label decoded with IDNA ({@link IDN#toUnicode}),
     * with a trailing dot; labels that are not ASCII text are shown escaped as in {@link #toString()}.
     */
    public String toUnicode() {
        if (labels.length == 0) {
            return ".";
        }
        StringBuilder out = new StringBuilder();
        for (byte[] label : labels) {
            String escaped = escaped(label);
            out.append(IDN.toUnicode(escaped, IDN.ALLOW_UNASSIGNED)).append('.');
        }
        return out.toString();
    }

    /** The presentation form, with a trailing dot: {@code www.example.com.}, {@code .} for the root. */
    @Override
    public String toString() {
        if (labels.length == 0) {
            return ".";
        }
        StringBuilder out = new StringBuilder();
        for (byte[] label : labels) {
            appendLabel(out, label);
            out.append('.');
        }
        return out.toString();
    }

    private static String escaped(byte[] label) {
        StringBuilder out = new StringBuilder();
        appendLabel(out, label);
        return out.toString();
    }

    private static void appendLabel(StringBuilder out, byte[] label) {
        for (byte b : label) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f) {
                if (SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append((char) c);
            } else {
                out.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
    }

    static boolean equalLabels(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (lower(a[i]) != lower(b[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Name that) || that.hash != hash || that.labels.length != labels.length) {
            return false;
        }
        for (int i = 0; i < labels.length; i++) {
            if (!equalLabels(labels[i], that.labels[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * The canonical DNS order (RFC 4034 §6.1): by labels from the right, each compared as lower-cased octets,
     * a name before the names below it.
     */
    @Override
    public int compareTo(Name other) {
        int i = labels.length - 1;
        int j = other.labels.length - 1;
        while (i >= 0 && j >= 0) {
            byte[] a = labels[i--];
            byte[] b = other.labels[j--];
            int n = Math.min(a.length, b.length);
            for (int k = 0; k < n; k++) {
                int d = lower(a[k]) - lower(b[k]);
                if (d != 0) {
                    return d;
                }
            }
            if (a.length != b.length) {
                return a.length - b.length;
            }
        }
        return Integer.compare(labels.length, other.labels.length);
    }
}
