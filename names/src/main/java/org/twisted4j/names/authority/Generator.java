package org.twisted4j.names.authority;

import java.util.Locale;

/** BIND's {@code $GENERATE}: its range, and the {@code $} / {@code ${offset,width,base}} substitutions. */
final class Generator {

    /** The widest a formatted counter may be padded to. */
    static final int MAX_WIDTH = 255;

    /** A range {@code start-stop[/step]}. */
    record Range(long start, long stop, long step) {
        long count() {
            return (stop - start) / step + 1;
        }
    }

    private Generator() {
    }

    /**
     * Parses {@code start-stop} or {@code start-stop/step}.
     *
     * @throws IllegalArgumentException if malformed, if start exceeds stop, or a step is 0
     */
    static Range range(String text) {
        int slash = text.indexOf('/');
        String span = slash < 0 ? text : text.substring(0, slash);
        long step = slash < 0 ? 1 : RdataText.number(text.substring(slash + 1), Integer.MAX_VALUE);
        int dash = span.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("a $GENERATE range is start-stop[/step], not " + text);
        }
        long start = RdataText.number(span.substring(0, dash), Integer.MAX_VALUE);
        long stop = RdataText.number(span.substring(dash + 1), Integer.MAX_VALUE);
        if (start > stop || step == 0) {
            throw new IllegalArgumentException("a $GENERATE range needs start <= stop and a step over 0: " + text);
        }
        return new Range(start, stop, step);
    }

    /**
     * Replaces each {@code $} of the template by the counter, formatted as its {@code {offset,width,base}}
     * modifier says; {@code \$} and {@code $$} stand for a dollar sign.
     *
     * @throws IllegalArgumentException for a malformed modifier or a negative value
     */
    static String substitute(String template, long counter) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < n && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '\\' && i + 1 < n) {
                out.append(c).append(template.charAt(i + 1));
                i += 2;
            } else if (c == '$' && i + 1 < n && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < n && template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("${ without } in " + TextNames.abbreviate(template));
                }
                out.append(format(template.substring(i + 2, close), counter));
                i = close + 1;
            } else if (c == '$') {
                out.append(counter);
                i++;
            } else {
                out.append(c);
                i++;
            }
            if (out.length() > 4 * TextNames.MAX_NAME) {
                throw new IllegalArgumentException("$GENERATE makes a field too long");
            }
        }
        return out.toString();
    }

    private static String format(String modifier, long counter) {
        String[] parts = modifier.split(",", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("${offset,width,base} has at most three parts: " + modifier);
        }
        long offset = parts[0].startsWith("-")
                ? -RdataText.number(parts[0].substring(1), Integer.MAX_VALUE)
                : RdataText.number(parts[0], Integer.MAX_VALUE);
        int width = parts.length > 1 ? (int) RdataText.number(parts[1], MAX_WIDTH) : 0;
        String base = parts.length > 2 ? parts[2] : "d";
        long value = counter + offset;
        if (value < 0) {
            throw new IllegalArgumentException("$GENERATE counter with offset is negative");
        }
        String digits = switch (base) {
            case "d" -> Long.toString(value);
            case "o" -> Long.toOctalString(value);
            case "x" -> Long.toHexString(value);
            case "X" -> Long.toHexString(value).toUpperCase(Locale.ROOT);
            case "n", "N" -> nibbles(value, width, base.equals("N"));
            default -> throw new IllegalArgumentException("unknown $GENERATE base " + TextNames.abbreviate(base));
        };
        if (base.equals("n") || base.equals("N")) {
            return digits;
        }
        StringBuilder padded = new StringBuilder();
        for (int k = digits.length(); k < width; k++) {
            padded.append('0');
        }
        return padded.append(digits).toString();
    }

    /**
     * The value's hex digits least significant first, each a label ({@code 0x1f} is {@code f.1}), with as many
     * zero nibbles added as it takes to fill {@code width} characters, dots counted.
     */
    private static String nibbles(long value, int width, boolean upper) {
        StringBuilder out = new StringBuilder();
        long rest = value;
        int left = width;
        do {
            char digit = Character.forDigit((int) (rest & 0xF), 16);
            out.append(upper ? Character.toUpperCase(digit) : digit);
            rest >>>= 4;
            left = Math.max(0, left - 1);
            if (left > 0 || rest != 0) {
                out.append('.');
                left = Math.max(0, left - 1);
            }
        } while (rest != 0 || left > 0);
        return out.toString();
    }
}
