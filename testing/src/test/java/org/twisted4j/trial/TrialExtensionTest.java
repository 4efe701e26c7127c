package org.twisted4j.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.logger.Logger;

/**
 * Runs small test classes under {@link TrialExtension} with JUnit's test kit and checks how each ends. The
 * sample classes are nested, so the build's own test run does not pick them up.
 */
class TrialExtensionTest {

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    private static Throwable failureOf(Events events) {
        assertThat(events.failed().count()).as("failed tests").isEqualTo(1);
        Event failed = events.failed().list().get(0);
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    @ExtendWith(TrialExtension.class)
    static class AwaitsADeferredTheReactorFiresLater {
        static final List<String> seen = new ArrayList<>();

        @BeforeEach
        void setUp(NioReactor reactor) throws Exception {
            Deferred<String> ready = new Deferred<>();
            reactor.callLater(0.01, () -> ready.callback("set up"));
            seen.add(Coroutine.await(ready));
        }

        @Test
        void awaits(Trial trial, NioReactor reactor) throws Exception {
            assertThat(reactor).isSameAs(trial.reactor());
            assertThat(reactor.isInReactorThread()).isTrue();
            Deferred<String> later = new Deferred<>();
            reactor.callLater(0.01, () -> later.callback("fired by the reactor"));
            seen.add(Coroutine.await(later));
        }
    }

    @Test
    void testAndSetUpRunAsCoroutinesOnTheReactorAndWaitForDeferreds() {
        AwaitsADeferredTheReactorFiresLater.seen.clear();
        Events events = run(AwaitsADeferredTheReactorFiresLater.class);
        assertThat(events.succeeded().count()).isEqualTo(1);
        assertThat(AwaitsADeferredTheReactorFiresLater.seen).containsExactly("set up", "fired by the reactor");
    }

    @ExtendWith(TrialExtension.class)
    static class AwaitsAFailure {
        @Test
        void awaits(NioReactor reactor) throws Exception {
            Deferred<String> later = new Deferred<>();
            reactor.callLater(0, () -> later.errback(new IOException("connection reset")));
            Coroutine.await(later);
        }
    }

    @Test
    void awaitedFailureFailsTheTestWithItsOwnException() {
        assertThat(failureOf(run(AwaitsAFailure.class))).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @ExtendWith(TrialExtension.class)
    static class LeavesADelayedCallOnTheReactor {
        @Test
        void leaves(NioReactor reactor) {
            reactor.callLater(100, () -> { });
        }
    }

    @Test
    void pendingDelayedCallOnTheReactorFailsTheTest() {
        assertThat(failureOf(run(LeavesADelayedCallOnTheReactor.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The reactor was left with pending delayed calls");
    }

    @ExtendWith(TrialExtension.class)
    static class LeavesADelayedCallOnTheClock {
        @Test
        void leaves(Clock clock) {
            clock.callLater(5, () -> { });
        }
    }

    @Test
    void pendingDelayedCallOnTheClockFailsTheTest() {
        assertThat(failureOf(run(LeavesADelayedCallOnTheClock.class)))
                .hasMessageContaining("The Clock was left with pending delayed calls");
    }

    @ExtendWith(TrialExtension.class)
    static class LogsErrors {
        static final Logger LOG = new Logger("sample");

        @Test
        void logsAndLeavesIt() {
            LOG.failure("something broke", new Failure(new IllegalStateException("broken")));
        }

        @Test
        void logsAndFlushesIt(Trial trial) {
            LOG.failure("expected breakage", new Failure(new IllegalStateException("expected")));
            assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
        }
    }

    @Test
    void loggedErrorFailsTheTestUnlessFlushed() {
        Events events = run(LogsErrors.class);
        assertThat(events.succeeded().count()).isEqualTo(1);
        assertThat(failureOf(events))
                .hasMessageContaining("Errors were logged during the test")
                .hasMessageContaining("something broke")
                .hasMessageContaining("broken");
    }

    @ExtendWith(TrialExtension.class)
    @TrialTimeout(0.2)
    static class NeverFinishes {
        @Test
        void waitsForever() throws Exception {
            Coroutine.await(new Deferred<String>());
        }
    }

    @Test
    void testThatOutlivesItsTimeoutFailsWithTimeoutError() {
        assertThat(failureOf(run(NeverFinishes.class))).isInstanceOf(TimeoutError.class);
    }
}
