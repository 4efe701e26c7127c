package org.twisted4j.testing.protocols.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.policies.Connections.bytes;

import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.TimeoutFactory;
import org.twisted4j.protocols.policies.TimeoutProtocol;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.protocols.policies.Connections.Echo;
import org.twisted4j.testing.protocols.policies.Connections.Echoes;

class TimeoutFactoryTest {

    private final Clock clock = new Clock();
    private final Echoes echoes = new Echoes();
    private final TimeoutFactory factory = new TimeoutFactory(echoes, clock, 10);
    private final AccumulatingProtocol client = new AccumulatingProtocol();
    private final IOPump pump;

    {
        ProtocolWrapper server = factory.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS);
        pump = IOPump.connectedLoopback(server, client);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeout() {
        clock.advance(9.5);
        pump.flush();
        assertThat(client.isClosed()).isFalse();
        clock.advance(0.5);
        pump.flush();
        assertThat(client.isClosed()).isTrue();
        assertThat(echoes.built.getFirst().lost).hasSize(1);
    }

    @Test
    void trafficEitherWayRestartsTheTimeout() {
        clock.advance(8);
        client.transport().write(bytes("ping"));
        pump.flush();
        clock.advance(8);
        echoes.built.getFirst().transport().write(bytes("unprompted"));
        clock.advance(8);
        pump.flush();
        assertThat(client.isClosed()).isFalse();
        clock.advance(2);
        pump.flush();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void losingTheConnectionCancelsTheTimeout() {
        client.transport().loseConnection();
        pump.flush();
        assertThat(echoes.built.getFirst().lost).hasSize(1);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void theWrappedProtocolCanChangeOrCancelTheTimeout() {
        Echo echo = echoes.built.getFirst();
        TimeoutProtocol timeout = (TimeoutProtocol) echo.transport();
        timeout.setTimeout(100);
        clock.advance(50);
        pump.flush();
        assertThat(client.isClosed()).isFalse();
        timeout.cancelTimeout();
        clock.advance(1000);
        pump.flush();
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void theDefaultTimeoutIsHalfAnHour() {
        assertThat(new TimeoutFactory(echoes, clock).timeoutSeconds()).isEqualTo(1800);
    }
}
