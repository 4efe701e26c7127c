package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.logger.Events.event;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.twisted4j.defer.Failure;

class Slf4jLogObserverTest {

    /** What a {@link RecordingLogger} was asked to log. */
    record Logged(String logger, Level level, @Nullable String marker, String message, @Nullable Throwable thrown) {
    }

    /** An SLF4J logger that records its calls, with a chosen set of enabled levels. */
    static final class RecordingLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        private final transient List<Logged> calls;
        private final transient Set<Level> enabled;

        RecordingLogger(String name, List<Logged> calls, Set<Level> enabled) {
            this.name = name;
            this.calls = calls;
            this.enabled = enabled;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                Throwable throwable) {
            calls.add(new Logged(name, level, marker == null ? null : marker.getName(), message, throwable));
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled.contains(Level.TRACE);
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled.contains(Level.DEBUG);
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled.contains(Level.INFO);
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled.contains(Level.WARN);
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled.contains(Level.ERROR);
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return isErrorEnabled();
        }
    }

    private final List<Logged> calls = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private Slf4jLogObserver observer(Set<Level> enabled) {
        return new Slf4jLogObserver(name -> {
            created.add(name);
            return new RecordingLogger(name, calls, enabled);
        });
    }

    @Test
    void levelsMapToSlf4jLevelsWithCriticalMarkedOnError() {
        Slf4jLogObserver observer = observer(EnumSet.allOf(Level.class));
        for (LogLevel level : LogLevel.values()) {
            observer.observe(event(level, "chat.server", "{what} happened", "what", level.logName()));
        }
        assertThat(calls).containsExactly(
                new Logged("chat.server", Level.DEBUG, null, "debug happened", null),
                new Logged("chat.server", Level.INFO, null, "info happened", null),
                new Logged("chat.server", Level.WARN, null, "warn happened", null),
                new Logged("chat.server", Level.ERROR, null, "error happened", null),
                new Logged("chat.server", Level.ERROR, "CRITICAL", "critical happened", null));
    }

    @Test
    void failuresThrowableIsAttachedAndTheMessageHasNoTraceback() {
        IllegalStateException error = new IllegalStateException("reset");
        observer(EnumSet.allOf(Level.class)).observe(Events.failureEvent("Lost it", new Failure(error)));
        assertThat(calls).containsExactly(new Logged("test", Level.ERROR, "CRITICAL", "Lost it", error));
    }

    @Test
    void failureAtAnotherLevelKeepsThatLevel() {
        IllegalStateException error = new IllegalStateException("retry");
        LogEvent event = new LogEvent("Retrying", LogLevel.WARN, "net", 1.0, null, new Failure(error), Map.of());
        observer(EnumSet.allOf(Level.class)).observe(event);
        assertThat(calls).containsExactly(new Logged("net", Level.WARN, null, "Retrying", error));
    }

    @Test
    void loggersAreNamedByNamespaceAndMadeOncePerName() {
        Slf4jLogObserver observer = observer(EnumSet.allOf(Level.class));
        observer.observe(event(LogLevel.INFO, "a.b", "1"));
        observer.observe(event(LogLevel.INFO, "a.b", "2"));
        observer.observe(event(LogLevel.INFO, "c", "3"));
        observer.observe(event(LogLevel.INFO, "", "4"));
        assertThat(created).containsExactly("a.b", "c", org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(calls).extracting(Logged::logger).containsExactly("a.b", "a.b", "c", "ROOT");
    }

    @Test
    void disabledLevelsAreNeitherLoggedNorFormatted() {
        AtomicInteger formatted = new AtomicInteger();
        Supplier<String> costly = () -> "v" + formatted.incrementAndGet();
        Slf4jLogObserver observer = observer(EnumSet.of(Level.WARN));
        observer.observe(event(LogLevel.DEBUG, "x", "{c()}", "c", costly));
        observer.observe(event(LogLevel.INFO, "x", "{c()}", "c", costly));
        observer.observe(event(LogLevel.CRITICAL, "x", "{c()}", "c", costly));
        assertThat(calls).isEmpty();
        assertThat(formatted).hasValue(0);
        observer.observe(event(LogLevel.WARN, "x", "{c()}", "c", costly));
        assertThat(calls).extracting(Logged::message).containsExactly("v1");
    }

    @Test
    void availableWhenSlf4jIsOnThePath() {
        assertThat(Slf4jLogObserver.isAvailable()).isTrue();
        assertThat(Slf4jLogObserver.ifAvailable()).get().isInstanceOf(Slf4jLogObserver.class);
    }

    /**
     * Loads twisted4j's classes afresh from their directory and cannot find SLF4J's, as when an application
     * runs without SLF4J. (SLF4J is in this JVM's boot layer, so it has to be refused by name.)
     */
    private static final class WithoutSlf4j extends URLClassLoader {
        WithoutSlf4j(URL classes) {
            super(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.slf4j.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("org.twisted4j.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    @Test
    void availabilityChecksDoNotCrashWithoutSlf4j() throws Exception {
        URL classes = Slf4jLogObserver.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutSlf4j = new WithoutSlf4j(classes)) {
            Class<?> isolated = withoutSlf4j.loadClass(Slf4jLogObserver.class.getName());
            assertThat(isolated).isNotSameAs(Slf4jLogObserver.class);
            Method isAvailable = isolated.getMethod("isAvailable");
            Method ifAvailable = isolated.getMethod("ifAvailable");
            assertThat(isAvailable.invoke(null)).isEqualTo(false);
            assertThat(ifAvailable.invoke(null)).isEqualTo(Optional.empty());
        }
    }
}
