package org.twisted4j.testing.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReconnectingClientFactory;
import org.twisted4j.testing.FakeConnector;
import org.twisted4j.testing.MemoryReactor;

class ReconnectingClientFactoryTest {
    private final MemoryReactor reactor = new MemoryReactor();

    /** A factory with the default settings and the jitter drawn from {@code random}. */
    private static final class Reconnecting extends ReconnectingClientFactory {
        Reconnecting(ReactorTime clock, Random random) {
            super(clock, random);
        }
    }

    private Reconnecting withoutJitter() {
        Reconnecting factory = new Reconnecting(reactor, new Random(1));
        factory.setJitter(0);
        return factory;
    }

    private FakeConnector connect(ReconnectingClientFactory factory) {
        return reactor.connectTCP("127.0.0.1", 7, factory);
    }

    private static ConnectionRefusedError refused(FakeConnector connector) {
        return new ConnectionRefusedError(connector.getDestination());
    }

    @Test
    void failedAttemptIsRetriedAfterADelayThatGrowsByFactorE() {
        Reconnecting factory = withoutJitter();
        FakeConnector connector = connect(factory);

        connector.failConnection(refused(connector));
        assertThat(factory.delay()).isCloseTo(Math.E, within(1e-9));
        reactor.advance(Math.E - 0.001);
        assertThat(connector.attempts()).isEqualTo(1);
        reactor.advance(0.001);
        assertThat(connector.attempts()).isEqualTo(2);

        connector.failConnection(refused(connector));
        assertThat(factory.delay()).isCloseTo(Math.E * Math.E, within(1e-9));
        assertThat(factory.retries()).isEqualTo(2);
    }

    @Test
    void lostConnectionIsRetriedToo() {
        Reconnecting factory = withoutJitter();
        FakeConnector connector = connect(factory);
        connector.failConnection(new IOException("first attempt fails"));
        reactor.advance(factory.delay());
        factory.clientConnectionLost(connector, new Failure(new ConnectionLost("reset")));
        assertThat(reactor.getDelayedCalls()).hasSize(1);
    }

    @Test
    void delayIsCappedAtMaxDelay() {
        Reconnecting factory = withoutJitter();
        factory.setMaxDelay(5);
        FakeConnector connector = connect(factory);
        for (int i = 0; i < 4; i++) {
            connector.failConnection(refused(connector));
            reactor.advance(factory.delay());
        }
        assertThat(factory.delay()).isEqualTo(5);
    }

    @Test
    void maxRetriesEndsTheRetries() {
        Reconnecting factory = withoutJitter();
        factory.setMaxRetries(2);
        FakeConnector connector = connect(factory);
        for (int i = 0; i < 2; i++) {
            connector.failConnection(refused(connector));
            reactor.advance(factory.delay());
        }
        connector.failConnection(refused(connector));
        assertThat(reactor.getDelayedCalls()).isEmpty();
        assertThat(connector.attempts()).isEqualTo(3);
    }

    @Test
    void stopTryingCancelsTheScheduledRetry() {
        Reconnecting factory = withoutJitter();
        FakeConnector connector = connect(factory);
        connector.failConnection(refused(connector));
        factory.stopTrying();
        assertThat(reactor.getDelayedCalls()).isEmpty();
        assertThat(factory.continueTrying()).isFalse();
    }

    @Test
    void stopTryingCallsOffTheAttemptUnderWayWithoutRetrying() {
        Reconnecting factory = withoutJitter();
        FakeConnector connector = connect(factory);
        connector.failConnection(refused(connector));
        reactor.advance(factory.delay());
        assertThat(connector.isConnecting()).isTrue();
        factory.stopTrying();
        assertThat(connector.isStoppedConnecting()).isTrue();
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    @Test
    void resetDelayStartsTheBackOffAfresh() {
        Reconnecting factory = withoutJitter();
        FakeConnector connector = connect(factory);
        connector.failConnection(refused(connector));
        reactor.advance(factory.delay());
        factory.resetDelay();
        assertThat(factory.delay()).isEqualTo(ReconnectingClientFactory.DEFAULT_INITIAL_DELAY);
        assertThat(factory.retries()).isZero();
        connector.failConnection(refused(connector));
        assertThat(factory.delay()).isCloseTo(Math.E, within(1e-9));
    }

    @Test
    void jitterSpreadsTheDelayNormallyAroundIt() {
        Reconnecting factory = new Reconnecting(reactor, new Random(42));
        FakeConnector connector = connect(factory);
        connector.failConnection(refused(connector));
        double gaussian = new Random(42).nextGaussian();
        assertThat(factory.delay())
                .isCloseTo(Math.E + gaussian * Math.E * ReconnectingClientFactory.DEFAULT_JITTER, within(1e-9));
    }
}
