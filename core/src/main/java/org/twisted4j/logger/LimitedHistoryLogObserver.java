package org.twisted4j.logger;

import java.util.ArrayDeque;
import java.util.List;

/**
 * An observer that keeps the most recent events, up to a fixed number, and can replay them to another
 * observer, as Twisted's {@code LimitedHistoryLogObserver}. When it is full, each new event pushes out
 * the oldest. Handy in tests, to see what was logged:
 *
 * <pre>{@code
 * LimitedHistoryLogObserver seen = new LimitedHistoryLogObserver(100);
 * Logger log = new Logger("test", null, seen);
 * codeUnderTest(log);
 * assertThat(seen.events()).extracting(LogEvent::text).containsExactly("started");
 * }</pre>
 *
 * <p>It keeps the events' sources and field values alive as long as it keeps the events.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class LimitedHistoryLogObserver implements LogObserver {

    private final int size;
    private final ArrayDeque<LogEvent> events;

    /**
     * Makes an empty history that keeps at most {@code size} events.
     *
     * @param size how many events to keep; zero keeps none
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public LimitedHistoryLogObserver(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("history size must not be negative: " + size);
        }
        this.size = size;
        this.events = new ArrayDeque<>(Math.min(size, 1024));
    }

    /** Returns how many events this history keeps at most. */
    public int size() {
        return size;
    }

    /** Keeps the event, dropping the oldest kept one if the history is full. */
    @Override
    public synchronized void observe(LogEvent event) {
        if (size == 0) {
            return;
        }
        if (events.size() == size) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** Returns the kept events, oldest first; a snapshot, not a live view. */
    public synchronized List<LogEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets every kept event. */
    public synchronized void clear() {
        events.clear();
    }

    /**
     * Passes each kept event, oldest first, to {@code observer}; the events stay kept. Events that arrive
     * meanwhile are not replayed.
     *
     * @throws RuntimeException whatever {@code observer} throws, which stops the replay
     */
    public void replayTo(LogObserver observer) {
        for (LogEvent event : events()) {
            observer.observe(event);
        }
    }
}
