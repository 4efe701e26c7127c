package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;

class UnhandledErrorReportTest {
    private final CountDownLatch reported = new CountDownLatch(1);
    private final AtomicReference<LogEvent> report = new AtomicReference<>();
    private final LogObserver observer = event -> {
        if (event.failure() != null && event.failure().value().getMessage().equals("never handled")) {
            report.set(event);
            reported.countDown();
        }
    };

    @AfterEach
    void removeObserver() {
        LogPublisher.global().removeObserver(observer);
    }

    @Test
    void garbageCollectedDeferredWithUnhandledFailureLogsIt() throws InterruptedException {
        LogPublisher.global().addObserver(observer);
        failAndForget();
        // The report comes from the garbage collector's clean-up: ask for collections until it arrives.
        for (int i = 0; i < 200 && reported.getCount() > 0; i++) {
            System.gc();
            reported.await(50, TimeUnit.MILLISECONDS);
        }
        assertThat(report.get()).as("the unhandled failure was reported").isNotNull();
        assertThat(report.get().level()).isEqualTo(LogLevel.CRITICAL);
        assertThat(report.get().namespace()).isEqualTo(Deferred.class.getName());
        assertThat(report.get().text()).startsWith("Unhandled error in Deferred:");
    }

    private static void failAndForget() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(String::length);
        d.errback(new IOException("never handled"));
    }
}
