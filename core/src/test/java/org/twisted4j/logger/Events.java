package org.twisted4j.logger;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/** Makes events for tests. */
final class Events {

    static final double TIME = 1_795_443_774.0;   // 2026-11-23T14:22:54Z

    private Events() {
    }

    /** An INFO event in namespace "test" at {@link #TIME} with alternating keys and values. */
    static LogEvent event(@Nullable String format, @Nullable Object... keysAndValues) {
        return event(LogLevel.INFO, "test", format, keysAndValues);
    }

    static LogEvent event(LogLevel level, String namespace, @Nullable String format,
            @Nullable Object... keysAndValues) {
        return new LogEvent(format, level, namespace, TIME, null, fields(keysAndValues));
    }

    static LogEvent failureEvent(String format, Failure failure) {
        return new LogEvent(format, LogLevel.CRITICAL, "test", TIME, null, failure, Map.of());
    }

    static Map<String, @Nullable Object> fields(@Nullable Object... keysAndValues) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }
}
