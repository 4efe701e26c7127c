package org.twisted4j.logger;

/** Holds the process-wide publisher and its beginner, made together the first time either is needed. */
final class GlobalLogging {

    static final LogPublisher PUBLISHER = new LogPublisher();

    static final LogBeginner BEGINNER =
            new LogBeginner(PUBLISHER, LogBeginner.DEFAULT_BUFFER_SIZE, new TextFileLogObserver(System.err));

    private GlobalLogging() {
    }
}
