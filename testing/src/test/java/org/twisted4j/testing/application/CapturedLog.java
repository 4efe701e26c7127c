package org.twisted4j.testing.application;

import java.util.ArrayList;
import java.util.List;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;

/** Collects the events the application package logs to the global publisher while it is open. */
final class CapturedLog implements AutoCloseable {
    private final List<LogEvent> events = new ArrayList<>();
    private final LogObserver observer = event -> {
        if (event.namespace().startsWith("org.twisted4j.application")) {
            synchronized (events) {
                events.add(event);
            }
        }
    };

    CapturedLog() {
        LogPublisher.global().addObserver(observer);
    }

    /** Returns the events logged so far. */
    List<LogEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Returns the messages of the failures logged so far. */
    List<String> failureMessages() {
        return events().stream().filter(e -> e.failure() != null)
                .map(e -> String.valueOf(e.failure().value().getMessage())).toList();
    }

    @Override
    public void close() {
        LogPublisher.global().removeObserver(observer);
    }
}
