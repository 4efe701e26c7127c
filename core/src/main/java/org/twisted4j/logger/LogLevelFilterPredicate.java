package org.twisted4j.logger;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LogFilterPredicate} that stops events below a minimum level, which can be set per namespace,
 * as Twisted's {@code LogLevelFilterPredicate}. Namespaces form a hierarchy by their dots: a level set for
 * {@code "a.b"} applies to {@code "a.b"}, {@code "a.b.c"} and {@code "a.b.c.d"} unless one of those has its
 * own, but not to {@code "a.bc"}. Namespaces without a level of their own or an ancestor's use the default
 * level.
 *
 * <pre>{@code
 * LogLevelFilterPredicate levels = new LogLevelFilterPredicate(LogLevel.WARN);
 * levels.setLogLevelForNamespace("chat", LogLevel.DEBUG);
 * levels.logLevelForNamespace("chat.server.Session");   // DEBUG
 * levels.logLevelForNamespace("web");                   // WARN
 * }</pre>
 *
 * <p>It answers {@link PredicateResult#NO} for an event below the minimum for its namespace and
 * {@link PredicateResult#MAYBE} otherwise, leaving other predicates free to stop it.
 *
 * <h2>Threading</h2>
 * Any thread; levels may be changed while events are being filtered.
 */
public final class LogLevelFilterPredicate implements LogFilterPredicate {

    private final LogLevel initialDefault;
    private final Map<String, LogLevel> levels = new ConcurrentHashMap<>();
    private volatile LogLevel defaultLevel;

    /** Makes a predicate whose default level is {@link LogLevel#INFO}, as in Twisted. */
    public LogLevelFilterPredicate() {
        this(LogLevel.INFO);
    }

    /**
     * Makes a predicate with the given default level.
     *
     * @throws NullPointerException if {@code defaultLogLevel} is null
     */
    public LogLevelFilterPredicate(LogLevel defaultLogLevel) {
        this.initialDefault = Objects.requireNonNull(defaultLogLevel, "defaultLogLevel");
        this.defaultLevel = defaultLogLevel;
    }

    /** Returns the level used for namespaces without their own or an ancestor's. */
    public LogLevel defaultLogLevel() {
        return defaultLevel;
    }

    /**
     * Returns the minimum level for a namespace: its own, else that of its nearest ancestor that has one,
     * else the default. The empty namespace has the default level.
     */
    public LogLevel logLevelForNamespace(String namespace) {
        String name = namespace;
        while (!name.isEmpty()) {
            LogLevel level = levels.get(name);
            if (level != null) {
                return level;
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
        return defaultLevel;
    }

    /**
     * Sets the minimum level for a namespace and those under it; for the empty namespace, sets the
     * default level.
     *
     * @throws NullPointerException if an argument is null
     */
    public void setLogLevelForNamespace(String namespace, LogLevel level) {
        Objects.requireNonNull(level, "level");
        if (namespace.isEmpty()) {
            defaultLevel = level;
        } else {
            levels.put(namespace, level);
        }
    }

    /** Forgets every namespace's level and puts the default level back to the one given at construction. */
    public void clearLogLevels() {
        levels.clear();
        defaultLevel = initialDefault;
    }

    /** Says {@link PredicateResult#NO} to events below their namespace's level, else MAYBE. */
    @Override
    public PredicateResult test(LogEvent event) {
        return event.level().compareTo(logLevelForNamespace(event.namespace())) < 0
                ? PredicateResult.NO
                : PredicateResult.MAYBE;
    }
}
