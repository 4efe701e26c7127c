package org.twisted4j.logger;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * An observer that hands events on to SLF4J, for programs that route their logs through it (Logback,
 * Log4j 2, java.util.logging, ...). Each event goes to the SLF4J logger named after its namespace (the
 * root logger for the empty namespace), with its formatted text as the message and its failure's
 * throwable, if it has one, as the throwable:
 *
 * <table>
 *   <caption>How levels map</caption>
 *   <tr><th>twisted4j</th><th>SLF4J</th></tr>
 *   <tr><td>DEBUG</td><td>debug</td></tr>
 *   <tr><td>INFO</td><td>info</td></tr>
 *   <tr><td>WARN</td><td>warn</td></tr>
 *   <tr><td>ERROR</td><td>error</td></tr>
 *   <tr><td>CRITICAL</td><td>error, with the marker {@value #CRITICAL_MARKER}</td></tr>
 * </table>
 *
 * <p>SLF4J's own level settings apply: an event at a level its logger has disabled is not even formatted.
 *
 * <pre>{@code
 * Slf4jLogObserver.ifAvailable().ifPresentOrElse(
 *         observer -> LogBeginner.global().beginLoggingTo(observer),
 *         () -> LogBeginner.global().beginLoggingTo(new TextFileLogObserver(System.err)));
 * }</pre>
 *
 * <h2>SLF4J is optional</h2>
 * twisted4j does not need SLF4J; this class is the only one that uses it, and only when it is made.
 * {@link #isAvailable()} and {@link #ifAvailable()} are safe to call without SLF4J; the constructors are
 * not. On the module path the application's module graph must contain {@code org.slf4j} (for example
 * through {@code requires org.slf4j} or {@code --add-modules org.slf4j}).
 *
 * <h2>Threading</h2>
 * Any thread, as SLF4J loggers are.
 */
public final class Slf4jLogObserver implements LogObserver {

    /** The name of the SLF4J marker attached to {@link LogLevel#CRITICAL} events. */
    public static final String CRITICAL_MARKER = "CRITICAL";

    private final Function<String, org.slf4j.Logger> loggerFactory;
    private final Map<String, org.slf4j.Logger> loggers = new ConcurrentHashMap<>();
    private final Marker critical = new BasicMarkerFactory().getMarker(CRITICAL_MARKER);

    /**
     * Makes an observer that uses SLF4J's {@link LoggerFactory#getLogger(String)}.
     *
     * @throws NoClassDefFoundError if SLF4J is not available (see {@link #isAvailable()})
     */
    public Slf4jLogObserver() {
        this(LoggerFactory::getLogger);
    }

    /**
     * Makes an observer that gets its SLF4J loggers from {@code loggerFactory}, given the logger's name;
     * it is asked once per name.
     *
     * @throws NullPointerException if {@code loggerFactory} is null
     * @throws NoClassDefFoundError if SLF4J is not available (see {@link #isAvailable()})
     */
    public Slf4jLogObserver(Function<String, org.slf4j.Logger> loggerFactory) {
        this.loggerFactory = Objects.requireNonNull(loggerFactory, "loggerFactory");
    }

    /**
     * Returns whether SLF4J's API can be used from here: whether its classes can be found by this
     * class's loader and, on the module path, whether this module can read theirs. Never throws.
     */
    public static boolean isAvailable() {
        try {
            Class<?> api = Class.forName("org.slf4j.LoggerFactory", false,
                    Slf4jLogObserver.class.getClassLoader());
            return Slf4jLogObserver.class.getModule().canRead(api.getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Returns an observer using {@link LoggerFactory} if SLF4J {@link #isAvailable() is available}. */
    public static Optional<LogObserver> ifAvailable() {
        return isAvailable() ? Optional.of(new Slf4jLogObserver()) : Optional.empty();
    }

    /** Hands the event to the SLF4J logger of its namespace, at the matching level. */
    @Override
    public void observe(LogEvent event) {
        String name = event.namespace().isEmpty() ? org.slf4j.Logger.ROOT_LOGGER_NAME : event.namespace();
        org.slf4j.Logger logger = loggers.computeIfAbsent(name, loggerFactory);
        switch (event.level()) {
            case DEBUG -> {
                if (logger.isDebugEnabled()) {
                    logger.debug(event.text(), throwable(event));
                }
            }
            case INFO -> {
                if (logger.isInfoEnabled()) {
                    logger.info(event.text(), throwable(event));
                }
            }
            case WARN -> {
                if (logger.isWarnEnabled()) {
                    logger.warn(event.text(), throwable(event));
                }
            }
            case ERROR -> {
                if (logger.isErrorEnabled()) {
                    logger.error(event.text(), throwable(event));
                }
            }
            case CRITICAL -> {
                if (logger.isErrorEnabled(critical)) {
                    logger.error(critical, event.text(), throwable(event));
                }
            }
        }
    }

    private static @Nullable Throwable throwable(LogEvent event) {
        Failure failure = event.failure();
        return failure == null ? null : failure.value();
    }
}
