package org.twisted4j.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;

/**
 * What one test gets from {@link TrialExtension}: its reactor, a {@link Clock}, and the synchronous
 * assertions of Twisted's {@code SynchronousTestCase} ({@link #successResultOf}, {@link #failureResultOf},
 * {@link #assertNoResult}) and {@link #flushLoggedErrors}.
 *
 * <p>Declare it as a parameter of a test, or of a {@code @BeforeEach}/{@code @AfterEach} method:
 * <pre>{@code
 * @ExtendWith(TrialExtension.class)
 * class PingTest {
 *     @Test
 *     void pingIsAnswered(Trial trial) throws Exception {
 *         ListeningPort port = trial.reactor().listenTCP(0, PingServer.factory());
 *         assertThat(Coroutine.await(PingClient.ping(trial.reactor(), port.getHost()))).isEqualTo("pong");
 *         Coroutine.await(port.stopListening());
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Test code runs as a coroutine driven by the reactor's thread, so it may use everything reserved for
 * that thread, and the methods here, without locks.
 */
public final class Trial {
    private final NioReactor reactor;
    private final Clock clock = new Clock();
    private final List<LogEvent> loggedErrors = new ArrayList<>();
    private final LogObserver errorObserver = this::recordIfError;

    Trial(NioReactor reactor) {
        this.reactor = reactor;
    }

    /** Returns this test's reactor, running on a thread of its own for the length of the test. */
    public NioReactor reactor() {
        return reactor;
    }

    /**
     * Returns a {@link Clock} for this test; the test fails if it leaves calls pending on it, as trial fails
     * a test that leaves its reactor dirty.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the result {@code deferred} has now, handling it, as trial's {@code successResultOf}.
     *
     * @throws AssertionError if it has not fired, or fired with a failure
     */
    public <T extends @Nullable Object> T successResultOf(Deferred<T> deferred) {
        Object outcome = outcomeOf(deferred);
        if (outcome == NO_RESULT) {
            throw new AssertionError("Success result expected on " + deferred + ", found no result instead");
        }
        if (outcome instanceof Failure failure) {
            throw new AssertionError("Success result expected on " + deferred + ", found failure result instead:\n"
                    + failure.getTraceback(), failure.value());
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome;
        return result;
    }

    /**
     * Returns the failure {@code deferred} has now, handling it, as trial's {@code failureResultOf}.
     *
     * @param expectedTypes if any are given, the failure must be an instance of one of them
     * @throws AssertionError if it has not fired, fired with a value, or failed with another type
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final Failure failureResultOf(Deferred<?> deferred, Class<? extends Throwable>... expectedTypes) {
        Object outcome = outcomeOf(deferred);
        if (!(outcome instanceof Failure failure)) {
            throw new AssertionError("Failure result expected on " + deferred + ", found "
                    + (outcome == NO_RESULT ? "no result" : "success result (" + outcome + ")") + " instead");
        }
        if (expectedTypes.length > 0 && failure.check(expectedTypes) == null) {
            throw new AssertionError("Failure of type " + List.of(expectedTypes) + " expected on " + deferred
                    + ", found type " + failure.type().getName() + " instead:\n" + failure.getTraceback(),
                    failure.value());
        }
        return failure;
    }

    /**
     * Asserts that {@code deferred} has not fired yet, as trial's {@code assertNoResult}. If it has fired with
     * a failure, that failure is handled, so that it is not also reported as unhandled.
     *
     * @throws AssertionError if it has fired
     */
    public void assertNoResult(Deferred<?> deferred) {
        Object outcome = outcomeOf(deferred);
        if (outcome != NO_RESULT) {
            throw new AssertionError("No result expected on " + deferred + ", found " + outcome + " instead");
        }
    }

    /**
     * Removes the errors logged so far in this test whose failures are of one of {@code types} (of any type
     * if none is given) and returns their failures, so that they do not fail the test, as trial's
     * {@code flushLoggedErrors}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public final List<Failure> flushLoggedErrors(Class<? extends Throwable>... types) {
        List<Failure> flushed = new ArrayList<>();
        synchronized (loggedErrors) {
            loggedErrors.removeIf(event -> {
                Failure failure = Objects.requireNonNull(event.failure());
                if (types.length == 0 || failure.check(types) != null) {
                    flushed.add(failure);
                    return true;
                }
                return false;
            });
        }
        return flushed;
    }

    /** Marks the absence of a result, as distinct from a null result. */
    private static final Object NO_RESULT = new Object();

    /**
     * Takes the current outcome of {@code deferred} without waiting: the result, the failure, or NO_RESULT.
     * An outcome taken is handled: the chain goes on with null, as trial's helpers leave it.
     */
    private static Object outcomeOf(Deferred<?> deferred) {
        Object[] seen = {NO_RESULT};
        boolean[] waiting = {true};
        deferred.addBoth(outcome -> {
            if (waiting[0]) {
                seen[0] = outcome;
                return null;
            }
            return outcome; // it fired later: leave the outcome to the rest of the chain
        });
        waiting[0] = false;
        return seen[0];
    }

    LogObserver errorObserver() {
        return errorObserver;
    }

    private void recordIfError(LogEvent event) {
        if (event.failure() != null && event.level().compareTo(LogLevel.ERROR) >= 0) {
            synchronized (loggedErrors) {
                loggedErrors.add(event);
            }
        }
    }

    /** Returns the logged errors not flushed, for the check after the test. */
    List<LogEvent> unflushedErrors() {
        synchronized (loggedErrors) {
            return List.copyOf(loggedErrors);
        }
    }
}
