package org.twisted4j.logger;

import java.util.List;
import java.util.Objects;

/**
 * An observer that passes on only the events its predicates let through, as Twisted's
 * {@code FilteringLogObserver}. The predicates are asked in order: the first {@link PredicateResult#YES}
 * lets the event through, the first {@link PredicateResult#NO} stops it, and an event about which all of
 * them say {@link PredicateResult#MAYBE} gets through. Stopped events go to an optional second observer.
 *
 * <pre>{@code
 * LogLevelFilterPredicate levels = new LogLevelFilterPredicate(LogLevel.INFO);
 * levels.setLogLevelForNamespace("org.twisted4j.web", LogLevel.DEBUG);
 * LogBeginner.global().beginLoggingTo(
 *         new FilteringLogObserver(new TextFileLogObserver(System.out), levels));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread, if its predicates and observers accept calls from any thread. What a predicate throws
 * reaches the caller of {@link #observe} (for a {@link LogPublisher}, which reports it).
 */
public final class FilteringLogObserver implements LogObserver {

    private final LogObserver observer;
    private final List<LogFilterPredicate> predicates;
    private final LogObserver negativeObserver;

    /**
     * Makes a filter that passes the events its predicates let through to {@code observer} and drops the
     * others.
     *
     * @throws NullPointerException if an argument or a predicate is null
     */
    public FilteringLogObserver(LogObserver observer, LogFilterPredicate... predicates) {
        this(observer, List.of(predicates), event -> { });
    }

    /**
     * Makes a filter that passes the events its predicates let through to {@code observer} and the
     * others to {@code negativeObserver}.
     *
     * @param observer receives the events let through
     * @param predicates asked in order, as the class description says
     * @param negativeObserver receives the events stopped
     * @throws NullPointerException if an argument or a predicate is null
     */
    public FilteringLogObserver(LogObserver observer, List<? extends LogFilterPredicate> predicates,
            LogObserver negativeObserver) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.predicates = List.copyOf(predicates);
        this.negativeObserver = Objects.requireNonNull(negativeObserver, "negativeObserver");
    }

    /** Passes the event to the observer or the negative observer, as the predicates decide. */
    @Override
    public void observe(LogEvent event) {
        if (shouldPass(event)) {
            observer.observe(event);
        } else {
            negativeObserver.observe(event);
        }
    }

    private boolean shouldPass(LogEvent event) {
        for (LogFilterPredicate predicate : predicates) {
            switch (predicate.test(event)) {
                case YES -> {
                    return true;
                }
                case NO -> {
                    return false;
                }
                case MAYBE -> {
                }
            }
        }
        return true;
    }
}
