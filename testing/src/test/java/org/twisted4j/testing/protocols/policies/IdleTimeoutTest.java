package org.twisted4j.testing.protocols.policies;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.policies.IdleTimeout;
import org.twisted4j.testing.StringTransportWithDisconnection;

class IdleTimeoutTest {

    /** A line protocol with a ten-second idle timeout, reset by each line. */
    static final class Idle extends LineReceiver {
        final IdleTimeout idle;
        int lost;

        Idle(Clock clock) {
            idle = IdleTimeout.closing(clock, this);
        }

        @Override
        public void connectionMade() {
            idle.setTimeout(10);
        }

        @Override
        protected void lineReceived(byte[] line) {
            idle.resetTimeout();
        }

        @Override
        public void connectionLost(Failure reason) {
            lost++;
            idle.cancel();
        }
    }

    private final Clock clock = new Clock();
    private final Idle protocol = new Idle(clock);
    private final StringTransportWithDisconnection transport = new StringTransportWithDisconnection();

    {
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
    }

    @Test
    void closesTheConnectionAfterTheIdlePeriod() {
        clock.advance(9.999);
        assertThat(transport.isConnected()).isTrue();
        clock.advance(0.001);
        assertThat(transport.isConnected()).isFalse();
        assertThat(protocol.lost).isEqualTo(1);
        assertThat(protocol.idle.isPending()).isFalse();
    }

    @Test
    void activityRestartsTheCountDown() {
        clock.advance(8);
        protocol.dataReceived(ByteBuffer.wrap("hello\r\n".getBytes(US_ASCII)));
        clock.advance(8);
        assertThat(transport.isConnected()).isTrue();
        clock.advance(2);
        assertThat(transport.isConnected()).isFalse();
    }

    @Test
    void losingTheConnectionCancelsTheCountDown() {
        transport.loseConnection();
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(protocol.idle.timeout()).isEmpty();
        clock.advance(100);
        assertThat(protocol.lost).isEqualTo(1);
    }

    @Test
    void setTimeoutRestartsWithTheNewPeriodAndReturnsTheOld() {
        clock.advance(5);
        assertThat(protocol.idle.setTimeout(3)).isEqualTo(OptionalDouble.of(10));
        clock.advance(2.9);
        assertThat(transport.isConnected()).isTrue();
        clock.advance(0.1);
        assertThat(transport.isConnected()).isFalse();
    }

    @Test
    void cancelStopsItAndResetThenDoesNothing() {
        assertThat(protocol.idle.cancel()).isEqualTo(OptionalDouble.of(10));
        protocol.idle.resetTimeout();
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(60);
        assertThat(transport.isConnected()).isTrue();
        assertThat(protocol.idle.cancel()).isEmpty();
    }

    @Test
    void afterRunningOutItRestartsOnlyWithSetTimeout() {
        int[] runs = {0};
        IdleTimeout idle = new IdleTimeout(clock, () -> runs[0]++);
        idle.setTimeout(1);
        clock.advance(1);
        idle.resetTimeout();
        clock.advance(5);
        assertThat(runs[0]).isEqualTo(1);
        assertThat(idle.timeout()).isEqualTo(OptionalDouble.of(1));
        idle.setTimeout(2);
        clock.advance(2);
        assertThat(runs[0]).isEqualTo(2);
    }

    @Test
    void negativeOrNaNPeriodsAreRefused() {
        IdleTimeout idle = new IdleTimeout(clock, () -> { });
        assertThatThrownBy(() -> idle.setTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> idle.setTimeout(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(idle.isPending()).isFalse();
    }
}
