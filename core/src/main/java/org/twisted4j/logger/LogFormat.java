package org.twisted4j.logger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * Turns log events into text, as Twisted's {@code formatEvent}, {@code formatTime},
 * {@code formatEventAsClassicLogText} and {@code eventAsJSON}. None of these methods throws because of
 * what is in an event: logging must never be the thing that breaks a program.
 *
 * <h2>The format syntax</h2>
 * A format string is literal text with fields in braces, filled from the event's
 * {@link LogEvent#fields() fields}:
 * <ul>
 *   <li>{@code {name}} is replaced by the field's value, as {@link String#valueOf(Object)} gives it (arrays
 *       are shown element by element);
 *   <li>{@code {name()}} calls the field's value, which must be a {@link Supplier} or {@link Callable},
 *       and shows what it returns; use it for values that are costly to compute and may never be shown;
 *   <li>{@code {{} and {@code }}} stand for a literal brace;
 *   <li>a field the event does not have is shown as {@code <name: MISSING>};
 *   <li>a malformed format (a lone {@code }}, an unclosed or empty field) or a value whose
 *       {@code toString()} throws gives {@code Unable to format event LogEvent[...]: reason} instead, with
 *       everything the event holds, so nothing is lost.
 * </ul>
 * Python's format specifications ({@code {n:>5}}) and conversions ({@code {n!r}}) are not supported: the
 * whole text between the braces is the field's name.
 *
 * <pre>{@code
 * LogFormat.formatEvent(event);   // "10.0.0.7 sent {5} bytes" for format "{peer} sent {{{n}}} bytes"
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class LogFormat {

    /**
     * The timestamp format of Twisted's text logs, {@code 2026-11-23T14:22:54+0000}: date, time to the
     * second, and the offset from UTC. It has no zone of its own; {@link #formatTime} uses the system's
     * default zone for it, as Twisted uses the local time.
     */
    public static final DateTimeFormatter DEFAULT_TIME_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");

    /** Times further from the epoch than this, in seconds (about 285,000 years), are shown as "-". */
    private static final double MAX_TIME = 9e12;

    /** What a field the event lacks turns into is {@code <name: MISSING>}; this is the part after the name. */
    static final String MISSING = ": MISSING>";

    private LogFormat() {
    }

    /**
     * Returns the event's text: its format with the fields filled in (see the class description), or the
     * empty string if the event has no format. Never throws.
     */
    public static String formatEvent(LogEvent event) {
        String format = event.format();
        if (format == null) {
            return "";
        }
        try {
            return substitute(format, event.fields());
        } catch (Exception | StackOverflowError e) {
            return formatUnformattableEvent(event, e);
        }
    }

    /**
     * Returns the text that stands for an event that could not be formatted: everything in the event and
     * what went wrong. Never throws.
     */
    static String formatUnformattableEvent(LogEvent event, Throwable error) {
        String reason = error instanceof MalformedFormatException ? error.getMessage() : safeToString(error);
        return "Unable to format event " + event + ": " + reason;
    }

    /**
     * Formats a timestamp with {@link #DEFAULT_TIME_FORMAT} in the system's default zone, for example
     * {@code 2026-11-23T14:22:54+0000}. Never throws.
     *
     * @param when seconds since the epoch
     * @return the formatted time, or {@code "-"} if {@code when} is not a finite number or out of range
     */
    public static String formatTime(double when) {
        return formatTime(when, DEFAULT_TIME_FORMAT);
    }

    /**
     * Formats a timestamp with the given formatter, in the formatter's zone if it has one
     * ({@link DateTimeFormatter#withZone}) and in the system's default zone if not. Never throws.
     *
     * @param when seconds since the epoch; the fraction is kept to the microsecond
     * @param format how to format it, or null to get {@code "-"}
     * @return the formatted time, or {@code "-"} if {@code format} is null, {@code when} is not a finite
     *     number or is more than 285,000 years from the epoch, or the formatter cannot format it
     */
    public static String formatTime(double when, @Nullable DateTimeFormatter format) {
        if (format == null || !(Math.abs(when) < MAX_TIME)) {
            return "-";
        }
        try {
            long micros = Math.round(when * 1e6);
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            ZoneId zone = format.getZone() != null ? format.getZone() : ZoneId.systemDefault();
            return format.format(instant.atZone(zone));
        } catch (DateTimeException | ArithmeticException e) {
            return "-";
        }
    }

    /**
     * Formats an event as one entry of a classic text log, as Twisted's
     * {@code formatEventAsClassicLogText}: {@code "<time> [<namespace>#<level>] <text>\n"}, for example
     * {@code "2026-11-23T14:22:54+0000 [chat.server#info] 10.0.0.7 connected\n"}. Each line break in the
     * text is followed by a tab, so that every line of the entry after the first is indented. If the event
     * has a failure, its traceback follows the text, on the lines after it. An empty
     * namespace is shown as {@code -}. Never throws.
     *
     * @param event the event
     * @param timeFormat how to format the time (see {@link #formatTime(double, DateTimeFormatter)}), or
     *     null to show {@code -} instead of the time
     * @return the entry, ending in a line break, or null if the event has no text, in which case nothing
     *     should be written
     */
    public static @Nullable String formatEventAsClassicLogText(LogEvent event,
            @Nullable DateTimeFormatter timeFormat) {
        String text = eventText(event);
        if (text.isEmpty()) {
            return null;
        }
        String namespace = event.namespace().isEmpty() ? "-" : event.namespace();
        return formatTime(event.time(), timeFormat) + " [" + namespace + "#" + event.level().logName()
                + "] " + text.replace("\n", "\n\t") + "\n";
    }

    /**
     * Returns the event's text as {@link #formatEvent}, followed by the failure's traceback when the event
     * carries one.
     */
    static String eventText(LogEvent event) {
        String text = formatEvent(event);
        Failure failure = event.failure();
        if (failure == null) {
            return text;
        }
        return text + "\n" + traceback(failure);
    }

    /** Returns the failure's traceback without its last line break, or a note saying it has none. */
    static String traceback(Failure failure) {
        try {
            String traceback = failure.getTraceback();
            return traceback.endsWith("\n") ? traceback.substring(0, traceback.length() - 1) : traceback;
        } catch (Exception | StackOverflowError e) {
            return "(unable to obtain a traceback: " + safeToString(e) + ")";
        }
    }

    /**
     * Returns the event as one line of JSON, as Twisted's {@code eventAsJSON} but simpler: an object with
     * {@code log_time} (seconds since the epoch), {@code log_level} (its {@link LogLevel#logName()}),
     * {@code log_namespace}, {@code log_format}, {@code log_text} (the formatted text), {@code log_source}
     * (its {@code toString()}, when there is a source), {@code log_failure} (when there is a failure: an
     * object with the throwable's class name as {@code type}, its message as {@code message} and the
     * failure's traceback as {@code traceback}), and then every field of the event under its own
     * name. A field whose name is one of those {@code log_} names is left out. Never throws.
     *
     * <p>Values become JSON as follows: null, booleans and finite numbers as themselves; maps as objects
     * (keys by {@code toString()}); iterables and arrays as arrays; anything else, including non-finite
     * numbers, as the string {@link String#valueOf(Object)} gives (or a description, if that throws).
     * Nesting deeper than 32 levels is cut off with a string. Strings are escaped so that the result is a
     * single line: quotes, backslashes, every control character, U+2028, U+2029 and unpaired surrogates
     * are written as escapes.
     */
    public static String eventAsJson(LogEvent event) {
        return Json.eventAsJson(event);
    }

    /**
     * Returns {@code String.valueOf(value)}, showing arrays element by element, or a description naming the
     * value's class if its {@code toString()} throws. Never throws.
     */
    static String safeToString(@Nullable Object value) {
        try {
            return valueToString(value);
        } catch (Exception | StackOverflowError e) {
            String problem;
            try {
                problem = e.toString();
            } catch (Exception | StackOverflowError again) {
                problem = e.getClass().getName();
            }
            return "<unprintable " + value.getClass().getName() + ": toString() threw " + problem + ">";
        }
    }

    private static String valueToString(@Nullable Object value) {
        return switch (value) {
            case null -> "null";
            case Object[] array -> Arrays.deepToString(array);
            case int[] array -> Arrays.toString(array);
            case long[] array -> Arrays.toString(array);
            case double[] array -> Arrays.toString(array);
            case float[] array -> Arrays.toString(array);
            case short[] array -> Arrays.toString(array);
            case byte[] array -> Arrays.toString(array);
            case char[] array -> Arrays.toString(array);
            case boolean[] array -> Arrays.toString(array);
            default -> value.toString();
        };
    }

    private static String substitute(String format, Map<String, @Nullable Object> fields) throws Exception {
        StringBuilder out = new StringBuilder(format.length() + 32);
        int length = format.length();
        int i = 0;
        while (i < length) {
            char c = format.charAt(i);
            if (c == '}') {
                if (i + 1 < length && format.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new MalformedFormatException("single '}' at index " + i + " of the format");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < length && format.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            int close = format.indexOf('}', i + 1);
            int nestedOpen = format.indexOf('{', i + 1);
            if (close < 0 || (nestedOpen >= 0 && nestedOpen < close)) {
                throw new MalformedFormatException("unclosed '{' at index " + i + " of the format");
            }
            String name = format.substring(i + 1, close);
            if (name.isEmpty()) {
                throw new MalformedFormatException("empty field '{}' at index " + i + " of the format");
            }
            appendField(out, name, fields);
            i = close + 1;
        }
        return out.toString();
    }

    private static void appendField(StringBuilder out, String name, Map<String, @Nullable Object> fields)
            throws Exception {
        boolean call = name.endsWith("()") && name.length() > 2;
        String key = call ? name.substring(0, name.length() - 2) : name;
        if (!fields.containsKey(key)) {
            out.append('<').append(name).append(MISSING);
            return;
        }
        Object value = fields.get(key);
        if (call) {
            value = switch (value) {
                case Supplier<?> supplier -> supplier.get();
                case Callable<?> callable -> callable.call();
                case null, default -> throw new MalformedFormatException("field '" + key
                        + "' is used as '{" + name + "}' but is not a Supplier or Callable");
            };
        }
        out.append(valueToString(value));
    }

    /** Why a format string could not be used; its message is shown in place of the event's text. */
    private static final class MalformedFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedFormatException(String message) {
            super(message);
        }
    }
}
