package org.twisted4j.logger;

import java.util.Locale;

/**
 * How important a log event is, as Twisted's {@code LogLevel}: from {@link #DEBUG}, the least important,
 * to {@link #CRITICAL}, the most. The enum's natural order is the order of importance, so
 * {@code level.compareTo(LogLevel.WARN) >= 0} means "warn or worse".
 *
 * <pre>{@code
 * LogLevel level = LogLevel.levelWithName("Warn");   // WARN
 * level.logName();                                    // "warn"
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public enum LogLevel {
    /** Information of use only while debugging: usually far too detailed to keep in production logs. */
    DEBUG,
    /** Informational messages: something normal and expected happened. */
    INFO,
    /** Something unexpected happened that may be a problem, though the program carries on. */
    WARN,
    /** Something went wrong; the program carries on, but some work was lost or refused. */
    ERROR,
    /** Something went so wrong that the program may not be able to carry on. */
    CRITICAL;

    private final String logName = name().toLowerCase(Locale.ROOT);

    /**
     * Returns this level's name as it appears in log output: lower case, as in Twisted ({@code "info"}).
     */
    public String logName() {
        return logName;
    }

    /**
     * Returns the level with the given name, ignoring case: {@code "warn"}, {@code "WARN"} and
     * {@code "Warn"} are all {@link #WARN}.
     *
     * @param name a level's name
     * @return the level of that name
     * @throws IllegalArgumentException if no level has that name; the message names it and the valid ones
     */
    public static LogLevel levelWithName(String name) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown log level '" + name
                + "': expected one of debug, info, warn, error, critical (in any case)");
    }
}
