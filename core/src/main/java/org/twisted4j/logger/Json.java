package org.twisted4j.logger;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/** Writes log events and the values in them as single-line JSON. */
final class Json {

    /** How deeply maps, iterables and arrays are followed before the rest is written as a string. */
    static final int MAX_DEPTH = 32;

    private static final Set<String> EVENT_KEYS = Set.of(
            "log_time", "log_level", "log_namespace", "log_format", "log_text", "log_source", "log_failure");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    static String eventAsJson(LogEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"log_time\":");
        if (Double.isFinite(event.time())) {
            out.append(BigDecimal.valueOf(event.time()).toPlainString());
        } else {
            appendString(out, Double.toString(event.time()));
        }
        out.append(",\"log_level\":");
        appendString(out, event.level().logName());
        out.append(",\"log_namespace\":");
        appendString(out, event.namespace());
        out.append(",\"log_format\":");
        if (event.format() == null) {
            out.append("null");
        } else {
            appendString(out, event.format());
        }
        out.append(",\"log_text\":");
        appendString(out, LogFormat.formatEvent(event));
        if (event.source() != null) {
            out.append(",\"log_source\":");
            appendString(out, LogFormat.safeToString(event.source()));
        }
        Failure failure = event.failure();
        if (failure != null) {
            out.append(",\"log_failure\":{\"type\":");
            appendString(out, failure.value().getClass().getName());
            out.append(",\"message\":");
            appendValue(out, safeMessage(failure.value()), 0);
            out.append(",\"traceback\":");
            appendString(out, LogFormat.traceback(failure));
            out.append('}');
        }
        for (Map.Entry<String, @Nullable Object> field : event.fields().entrySet()) {
            if (EVENT_KEYS.contains(field.getKey())) {
                continue;
            }
            out.append(',');
            appendString(out, field.getKey());
            out.append(':');
            appendValue(out, field.getValue(), 0);
        }
        return out.append('}').toString();
    }

    private static @Nullable String safeMessage(Throwable error) {
        try {
            return error.getMessage();
        } catch (Exception | StackOverflowError e) {
            return "(unable to obtain the message: " + LogFormat.safeToString(e) + ")";
        }
    }

    /** Returns {@code text} as a JSON string literal, quotes included. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    static void appendValue(StringBuilder out, @Nullable Object value, int depth) {
        if (depth >= MAX_DEPTH && (value instanceof Map || value instanceof Iterable
                || (value != null && value.getClass().isArray()))) {
            appendString(out, "<nested too deeply>");
            return;
        }
        int mark = out.length();
        try {
            appendValueUnsafely(out, value, depth);
        } catch (Exception | StackOverflowError e) {
            // A map or iterable that broke halfway: write what can be said about it instead.
            out.setLength(mark);
            appendString(out, LogFormat.safeToString(value));
        }
    }

    private static void appendValueUnsafely(StringBuilder out, @Nullable Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b.booleanValue());
            case Integer n -> out.append(n.intValue());
            case Long n -> out.append(n.longValue());
            case Short n -> out.append(n.shortValue());
            case Byte n -> out.append(n.byteValue());
            case AtomicInteger n -> out.append(n.get());
            case AtomicLong n -> out.append(n.get());
            case BigInteger n -> out.append(n);
            case BigDecimal n -> out.append(n.toString());
            case Double n when Double.isFinite(n) -> out.append(n.doubleValue());
            case Float n when Float.isFinite(n) -> out.append(n.floatValue());
            case CharSequence s -> appendString(out, s.toString());
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    appendString(out, LogFormat.safeToString(entry.getKey()));
                    out.append(':');
                    appendValue(out, entry.getValue(), depth + 1);
                    separator = ",";
                }
                out.append('}');
            }
            case Iterable<?> items -> {
                out.append('[');
                String separator = "";
                for (Object item : items) {
                    out.append(separator);
                    appendValue(out, item, depth + 1);
                    separator = ",";
                }
                out.append(']');
            }
            default -> {
                if (value.getClass().isArray()) {
                    out.append('[');
                    int length = Array.getLength(value);
                    for (int i = 0; i < length; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        appendValue(out, Array.get(value, i), depth + 1);
                    }
                    out.append(']');
                } else {
                    appendString(out, LogFormat.safeToString(value));
                }
            }
        }
    }

    /**
     * Appends {@code text} as a JSON string literal. Control characters, U+2028 and U+2029 (line breaks to
     * some readers) and unpaired surrogates (which UTF-8 cannot carry) are written as escapes.
     */
    static void appendString(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        appendEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
