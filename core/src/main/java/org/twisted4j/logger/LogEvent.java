package org.twisted4j.logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * One log event: what happened (a format string and named fields), how important it is, where it came
 * from and when. The Java form of the dictionary that Twisted's {@code twisted.logger} passes to
 * observers, with its {@code log_*} keys as components.
 *
 * <p>Events are normally made by a {@link Logger}; observers receive them and may keep them, so an event
 * is immutable: {@link #fields()} is an unmodifiable copy that keeps the order the fields were given in.
 * The objects in it are the caller's own, so an observer that keeps an event keeps them alive too.
 *
 * <pre>{@code
 * LogEvent event = new LogEvent("{peer} connected", LogLevel.INFO, "chat.server", 1.7e9, null,
 *         Map.of("peer", "10.0.0.7:5123"));
 * LogFormat.formatEvent(event);   // "10.0.0.7:5123 connected"
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: an event is immutable, though the field values are only as safe to share as they are.
 *
 * @param format the Twisted-style format string, with {@code {name}} fields (see
 *     {@link LogFormat#formatEvent}), or null for an event that carries only fields and has no text
 * @param level how important the event is
 * @param namespace where the event came from, usually a class name; dotted names form a hierarchy for
 *     {@link LogLevelFilterPredicate}; may be empty
 * @param time when it happened, in seconds since the epoch (1970-01-01T00:00:00Z)
 * @param source the object that logged it, or null
 * @param failure the error this event reports, or null; its traceback is shown after the text
 * @param fields the named values, in the order given; values may be null
 */
public record LogEvent(
        @Nullable String format,
        LogLevel level,
        String namespace,
        double time,
        @Nullable Object source,
        @Nullable Failure failure,
        Map<String, @Nullable Object> fields) {

    /**
     * Makes an event, copying {@code fields} so that later changes to the caller's map do not show.
     *
     * @throws NullPointerException if {@code level}, {@code namespace}, {@code fields} or a key in it is
     *     null
     */
    public LogEvent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(namespace, "namespace");
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(fields);
        for (String key : copy.keySet()) {
            Objects.requireNonNull(key, "a field name is null");
        }
        fields = Collections.unmodifiableMap(copy);
    }

    /**
     * Makes an event that reports no failure.
     *
     * @throws NullPointerException if {@code level}, {@code namespace}, {@code fields} or a key in it is
     *     null
     */
    public LogEvent(@Nullable String format, LogLevel level, String namespace, double time,
            @Nullable Object source, Map<String, @Nullable Object> fields) {
        this(format, level, namespace, time, source, null, fields);
    }

    /**
     * Returns the value of the named field, or null if there is none (or if its value is null).
     */
    public @Nullable Object field(String name) {
        return fields.get(name);
    }

    /**
     * Returns this event's text: its format with the fields filled in, as {@link LogFormat#formatEvent}.
     * Never throws.
     */
    public String text() {
        return LogFormat.formatEvent(this);
    }

    /**
     * Describes the event for debugging: every component, with each value's {@code toString()}; a value
     * whose {@code toString()} throws is described by its class instead. Never throws.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("LogEvent[format=");
        out.append(format == null ? "null" : Json.quote(format))
                .append(", level=").append(level.logName())
                .append(", namespace=").append(namespace)
                .append(", time=").append(time)
                .append(", source=").append(LogFormat.safeToString(source))
                .append(", failure=").append(LogFormat.safeToString(failure))
                .append(", fields={");
        String separator = "";
        for (Map.Entry<String, @Nullable Object> field : fields.entrySet()) {
            out.append(separator).append(field.getKey()).append('=')
                    .append(LogFormat.safeToString(field.getValue()));
            separator = ", ";
        }
        return out.append("}]").toString();
    }
}
