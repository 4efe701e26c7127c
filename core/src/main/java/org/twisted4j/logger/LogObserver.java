package org.twisted4j.logger;

/**
 * Something that receives log events, as Twisted's {@code ILogObserver}: writes them somewhere, filters
 * them, forwards them, or keeps them for a test.
 *
 * <pre>{@code
 * LogPublisher.global().addObserver(event -> System.out.println(event.text()));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Events may be logged on any thread, so an observer added to a {@link LogPublisher} shared between
 * threads (such as {@link LogPublisher#global()}) must accept calls from any thread, possibly at the same
 * time. An observer should be quick: it runs on the thread that logged, which may be a reactor's.
 *
 * <h2>Failures</h2>
 * An exception thrown by an observer reaches whoever called it. A {@link LogPublisher} catches it, reports
 * it to its other observers and carries on, so one broken observer cannot stop the others.
 */
@FunctionalInterface
public interface LogObserver {

    /**
     * Receives one event.
     *
     * @param event the event; observers must not assume they are the only ones to see it
     */
    void observe(LogEvent event);
}
