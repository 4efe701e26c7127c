package org.twisted4j.application;

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

    /** Returns the messages of the failures logged so far. */
    List<String> failureMessages() {
        synchronized (events) {
            return events.stream().filter(e -> e.failure() != null)
                    .map(e -> e.failure().value().getMessage()).toList();
        }
    }

    @Override
    public void close() {
        LogPublisher.global().removeObserver(observer);
    }
}
