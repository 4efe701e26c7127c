package org.twisted4j.logger;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts a program's logging, as Twisted's {@code LogBeginner}. A library may log from the moment it is
 * loaded, before the program has decided where logs go; until it has, a beginner keeps the most recent
 * events in a bounded buffer on its publisher, and shows critical ones on an emergency observer
 * (standard error, for the global beginner) so that they are not lost if the program dies before then.
 * Once the program calls {@link #beginLoggingTo}, the buffered events are replayed to the observers it
 * names, which then receive every event from the publisher directly.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     LogBeginner.global().beginLoggingTo(new TextFileLogObserver(System.out));
 *     ...
 * }
 * }</pre>
 *
 * <p>Call {@code beginLoggingTo} once. Calling it again adds the further observers but replays nothing,
 * and logs a warning naming both places it was called from.
 *
 * <h2>Threading</h2>
 * Any thread. Each event logged while logging begins, on whatever thread, reaches the new observers
 * exactly once: either live or in the replay. Events logged by other threads while the replay runs may
 * reach the new observers before older, replayed events.
 */
public final class LogBeginner {

    /**
     * How many events the global beginner keeps until logging begins: 1000. Twisted keeps 65536; this is
     * smaller because events keep their sources (often connections and protocols) and field values alive,
     * and a program that never begins logging keeps this many for good.
     */
    public static final int DEFAULT_BUFFER_SIZE = 1000;

    private final LogPublisher publisher;
    private final BufferingObserver buffer;
    private final Logger log;
    private @Nullable String firstBegunAt;

    /**
     * Makes a beginner for {@code publisher} and adds its buffer to it at once.
     *
     * @param publisher the publisher whose logging this starts
     * @param bufferSize how many events to keep until logging begins; zero keeps none
     * @param criticalObserver what receives the {@link LogLevel#CRITICAL} events logged until logging
     *     begins, as they happen; null for nothing
     * @throws IllegalArgumentException if {@code bufferSize} is negative
     */
    public LogBeginner(LogPublisher publisher, int bufferSize, @Nullable LogObserver criticalObserver) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.buffer = new BufferingObserver(new LimitedHistoryLogObserver(bufferSize), criticalObserver);
        this.log = new Logger(LogBeginner.class.getName(), this, publisher);
        publisher.addObserver(buffer);
    }

    /** Returns the beginner of {@link LogPublisher#global()}, which buffers the 1000 most recent events. */
    public static LogBeginner global() {
        return GlobalLogging.BEGINNER;
    }

    /** Returns whether {@link #beginLoggingTo} has been called. */
    public synchronized boolean hasBegun() {
        return firstBegunAt != null;
    }

    /**
     * Begins logging: adds {@code observers} to the publisher in place of the buffer and replays the
     * buffered events to them, oldest first.
     *
     * @throws NullPointerException if an observer is null
     */
    public void beginLoggingTo(LogObserver... observers) {
        beginLoggingTo(List.of(observers), false);
    }

    /**
     * Begins logging: adds {@code observers} to the publisher in place of the buffer and, unless
     * {@code discardBuffer}, replays the buffered events to them, oldest first. An observer that throws
     * during the replay is reported to the others as {@link LogPublisher} does. Called again, it only
     * adds the observers and logs a warning.
     *
     * @param observers where events go from now on
     * @param discardBuffer true to drop the buffered events instead of replaying them
     * @throws NullPointerException if an observer is null
     */
    public void beginLoggingTo(List<? extends LogObserver> observers, boolean discardBuffer) {
        List<LogObserver> targets = List.copyOf(observers);
        String calledAt = callerLocation();
        String previously;
        synchronized (this) {
            previously = firstBegunAt;
            if (previously == null) {
                firstBegunAt = calledAt;
                publisher.replaceObserver(buffer, targets);
                buffer.begin(new LogPublisher(targets.toArray(LogObserver[]::new)), discardBuffer);
                return;
            }
            for (LogObserver observer : targets) {
                publisher.addObserver(observer);
            }
        }
        log.warn("Logging was begun twice: at {now}, and before that at {previously}; only the first "
                + "replays the buffered events. Remove one of the calls to beginLoggingTo.",
                "now", calledAt, "previously", previously);
    }

    /** Returns "Class.method(File.java:12)" for the code that called into this class. */
    private static String callerLocation() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().equals(LogBeginner.class.getName()))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "("
                        + frame.getFileName() + ":" + frame.getLineNumber() + ")")
                .orElse("an unknown place"));
    }

    /**
     * The beginner's stand-in on the publisher: keeps events and shows critical ones until logging
     * begins, then forwards the events that reach it late (those whose publishing started before the
     * switch) to the new observers.
     */
    private static final class BufferingObserver implements LogObserver {
        private final LimitedHistoryLogObserver history;
        private @Nullable LogObserver criticalObserver;
        private @Nullable LogObserver forwardTo;

        BufferingObserver(LimitedHistoryLogObserver history, @Nullable LogObserver criticalObserver) {
            this.history = history;
            this.criticalObserver = criticalObserver;
        }

        @Override
        public synchronized void observe(LogEvent event) {
            if (forwardTo != null) {
                forwardTo.observe(event);
                return;
            }
            history.observe(event);
            if (criticalObserver != null && event.level() == LogLevel.CRITICAL) {
                criticalObserver.observe(event);
            }
        }

        synchronized void begin(LogPublisher target, boolean discard) {
            if (!discard) {
                history.replayTo(target);
            }
            history.clear();
            criticalObserver = null;
            forwardTo = target;
        }
    }
}
