package org.twisted4j.logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * Makes log events and hands them to an observer, as Twisted's {@code Logger}. Messages are format
 * strings with named fields, and the values are given as alternating names and values, so they stay
 * available to observers as data (for JSON logs, filters, metrics), not only as text:
 *
 * <pre>{@code
 * private static final Logger log = Logger.forClass(ChatServer.class);
 * ...
 * log.info("{peer} connected; {count} users online", "peer", address, "count", users.size());
 * log.failure("Lost the database connection", new Failure(e));
 * }</pre>
 *
 * <p>See {@link LogFormat} for the format syntax. A logger has a namespace (usually the class name), an
 * optional source (the object doing the logging; see {@link #withSource}) and an observer, by default
 * {@link LogPublisher#global()}. When that observer is a {@link LogPublisher} with no observers, logging
 * costs almost nothing: no event is made.
 *
 * <h2>Logging never throws</h2>
 * Mistakes in a logging call are reported in the event instead of thrown: a name that is not a
 * {@code String} is used by its {@code toString()}, a name without a value gets the value null, a null
 * level becomes {@link LogLevel#ERROR}, and each such mistake is described at the end of the event's text
 * ({@code [logging problem: ...]}). Formatting problems show up in the text too (see {@link LogFormat}).
 * The one exception is the observer: what it throws reaches the caller, but a {@link LogPublisher}, the
 * usual observer, never throws.
 *
 * <h2>Threading</h2>
 * Any thread: a logger is immutable. Events go to the observer on the thread that logs.
 */
public final class Logger {

    private final String namespace;
    private final @Nullable Object source;
    private final LogObserver observer;

    /**
     * Makes a logger with the given namespace that logs to {@link LogPublisher#global()}.
     *
     * @throws NullPointerException if {@code namespace} is null
     */
    public Logger(String namespace) {
        this(namespace, null, LogPublisher.global());
    }

    /**
     * Makes a logger.
     *
     * @param namespace where its events come from, usually a class name; may be empty
     * @param source the object that logs, or null
     * @param observer where its events go
     * @throws NullPointerException if {@code namespace} or {@code observer} is null
     */
    public Logger(String namespace, @Nullable Object source, LogObserver observer) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.source = source;
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Makes a logger whose namespace is the class's name, logging to {@link LogPublisher#global()}.
     *
     * @throws NullPointerException if {@code type} is null
     */
    public static Logger forClass(Class<?> type) {
        return new Logger(type.getName());
    }

    /**
     * Returns a logger like this one whose events name {@code source} as the object that logged them, the
     * way Twisted's {@code Logger} attached to a class names the instance it was reached through.
     */
    public Logger withSource(@Nullable Object source) {
        return new Logger(namespace, source, observer);
    }

    /** Returns the namespace of this logger's events. */
    public String namespace() {
        return namespace;
    }

    /** Returns the source of this logger's events, or null if it has none. */
    public @Nullable Object source() {
        return source;
    }

    /** Returns where this logger's events go. */
    public LogObserver observer() {
        return observer;
    }

    /**
     * Logs at {@link LogLevel#DEBUG}.
     *
     * @param format the format string, with {@code {name}} fields
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void debug(String format, @Nullable Object... keysAndValues) {
        emit(LogLevel.DEBUG, format, keysAndValues);
    }

    /**
     * Logs at {@link LogLevel#INFO}.
     *
     * @param format the format string, with {@code {name}} fields
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void info(String format, @Nullable Object... keysAndValues) {
        emit(LogLevel.INFO, format, keysAndValues);
    }

    /**
     * Logs at {@link LogLevel#WARN}.
     *
     * @param format the format string, with {@code {name}} fields
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void warn(String format, @Nullable Object... keysAndValues) {
        emit(LogLevel.WARN, format, keysAndValues);
    }

    /**
     * Logs at {@link LogLevel#ERROR}.
     *
     * @param format the format string, with {@code {name}} fields
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void error(String format, @Nullable Object... keysAndValues) {
        emit(LogLevel.ERROR, format, keysAndValues);
    }

    /**
     * Logs at {@link LogLevel#CRITICAL}.
     *
     * @param format the format string, with {@code {name}} fields
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void critical(String format, @Nullable Object... keysAndValues) {
        emit(LogLevel.CRITICAL, format, keysAndValues);
    }

    /**
     * Logs at the given level.
     *
     * @param level how important the event is; null is taken as {@link LogLevel#ERROR} and reported in
     *     the text
     * @param format the format string, with {@code {name}} fields, or null for an event with fields only
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void emit(@Nullable LogLevel level, @Nullable String format, @Nullable Object... keysAndValues) {
        if (observer instanceof LogPublisher publisher && !publisher.hasObservers()) {
            return;
        }
        observer.observe(makeEvent(level, format, null, false, keysAndValues));
    }

    /**
     * Logs an error at {@link LogLevel#CRITICAL}, with the failure that describes it; text outputs show
     * the failure's traceback after the message, and {@link Slf4jLogObserver} passes its throwable on.
     *
     * <pre>{@code
     * deferred.addErrback(failure -> {
     *     log.failure("Could not fetch {url}", failure, "url", url);
     *     return null;
     * });
     * }</pre>
     *
     * @param format the format string, with {@code {name}} fields
     * @param failure the error; null is reported in the text
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void failure(String format, @Nullable Failure failure, @Nullable Object... keysAndValues) {
        failure(LogLevel.CRITICAL, format, failure, keysAndValues);
    }

    /**
     * Logs an error at the given level, with the failure that describes it.
     *
     * @param level how important the event is; null is taken as {@link LogLevel#ERROR} and reported in
     *     the text
     * @param format the format string, with {@code {name}} fields
     * @param failure the error; null is reported in the text
     * @param keysAndValues alternating field names ({@code String}s) and values
     */
    public void failure(@Nullable LogLevel level, String format, @Nullable Failure failure,
            @Nullable Object... keysAndValues) {
        if (observer instanceof LogPublisher publisher && !publisher.hasObservers()) {
            return;
        }
        observer.observe(makeEvent(level, format, failure, true, keysAndValues));
    }

    private LogEvent makeEvent(@Nullable LogLevel level, @Nullable String format, @Nullable Failure failure,
            boolean failureExpected, @Nullable Object @Nullable [] keysAndValues) {
        List<String> problems = new ArrayList<>(0);
        if (failureExpected && failure == null) {
            problems.add("the failure was null");
        }
        if (level == null) {
            problems.add("the level was null, so ERROR was used");
            level = LogLevel.ERROR;
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        if (keysAndValues != null) {
            int count = keysAndValues.length;
            for (int i = 0; i < count; i += 2) {
                Object key = keysAndValues[i];
                String name = key instanceof String s ? s : LogFormat.safeToString(key);
                if (!(key instanceof String)) {
                    problems.add("field name #" + (i / 2 + 1) + " (" + name + ") is not a String");
                }
                if (i + 1 == count) {
                    problems.add("field name '" + name + "' has no value");
                    fields.put(name, null);
                } else {
                    fields.put(name, keysAndValues[i + 1]);
                }
            }
        }
        if (!problems.isEmpty()) {
            String report = "[logging problem: " + String.join("; ", problems) + "]";
            report = report.replace("{", "{{").replace("}", "}}");
            format = format == null ? report : format + " " + report;
        }
        return new LogEvent(format, level, namespace, now(), source, failure, fields);
    }

    private static double now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }
}
