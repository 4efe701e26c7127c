package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorNotRunning;

/**
 * A {@code stop()} that lands the moment {@code run()} has begun, before the reactor's first turn, still ends the
 * run. A native reactor once queued that stop's shutdown ahead of its own startup, so the shutdown fired before
 * the startup had registered what ends the loop, and the run never returned (a group stopped before it ran hung
 * this way now and then).
 */
class StopAsRunStartsTest {
    private static final long T = 30;
    private static final int ROUNDS = 100;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Backends.ALL)
    void aStopAsSoonAsRunBeginsEndsTheRun(String backend) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ReactorBackend reactor = Backends.require(backend);
            Thread runner = Thread.ofPlatform().name("run-" + round).start(reactor::run);
            stopOnceRunning(reactor, runner);
            runner.join(TimeUnit.SECONDS.toMillis(T));
            assertThat(runner.isAlive()).as("round %d: the run ended", round).isFalse();
        }
    }

    /** Calls {@code stop()} over and over until it is taken, so that it lands as early in the run as it can. */
    private static void stopOnceRunning(ReactorBackend reactor, Thread runner) {
        while (runner.isAlive()) {
            try {
                reactor.stop();
                return;
            } catch (ReactorNotRunning notYet) {
                Thread.onSpinWait();
            }
        }
    }
}
