package org.twisted4j.testing.protocols.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.policies.Connections.bytes;
import static org.twisted4j.testing.protocols.policies.Connections.connect;
import static org.twisted4j.testing.protocols.policies.Connections.peer;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.protocols.policies.ProtocolWrapper;
import org.twisted4j.protocols.policies.ThrottlingFactory;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.testing.StringTransportWithDisconnection;
import org.twisted4j.testing.protocols.policies.Connections.Echoes;

class ThrottlingFactoryTest {

    private final Clock clock = new Clock();
    private final Echoes echoes = new Echoes();
    private final ThrottlingFactory factory = new ThrottlingFactory(echoes, clock);

    private StringTransportWithDisconnection open(ProtocolWrapper wrapper) {
        return connect(wrapper);
    }

    /** A push producer that records what it is told. */
    static final class Recorder implements PushProducer {
        final List<String> calls = new ArrayList<>();

        @Override
        public void pauseProducing() {
            calls.add("pause");
        }

        @Override
        public void resumeProducing() {
            calls.add("resume");
        }

        @Override
        public void stopProducing() {
            calls.add("stop");
        }
    }

    @Test
    void readingOverTheLimitPausesEveryConnectionForTheSurplusTime() {
        factory.setReadLimit(10);
        ProtocolWrapper first = factory.buildProtocol(peer("10.0.0.2", 1));
        StringTransportWithDisconnection one = open(first);
        StringTransportWithDisconnection two = open(factory.buildProtocol(peer("10.0.0.3", 1)));
        first.dataReceived(bytes("x".repeat(30)));

        clock.advance(0.999);
        assertThat(one.producerState()).isEqualTo(ProducerState.PRODUCING);
        clock.advance(0.001);
        assertThat(factory.isReadThrottled()).isTrue();
        assertThat(one.producerState()).isEqualTo(ProducerState.PAUSED);
        assertThat(two.producerState()).isEqualTo(ProducerState.PAUSED);

        clock.advance(1.999);
        assertThat(one.producerState()).isEqualTo(ProducerState.PAUSED);
        clock.advance(0.001);
        assertThat(factory.isReadThrottled()).isFalse();
        assertThat(one.producerState()).isEqualTo(ProducerState.PRODUCING);
        assertThat(two.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void readingAtTheLimitIsNotThrottled() {
        factory.setReadLimit(10);
        ProtocolWrapper wrapper = factory.buildProtocol(peer("10.0.0.2", 1));
        int[] pauses = {0};
        StringTransport transport = new StringTransport() {
            @Override
            public void pauseProducing() {
                pauses[0]++;
                super.pauseProducing();
            }
        };
        wrapper.makeConnection(transport);
        for (int second = 0; second < 5; second++) {
            wrapper.dataReceived(bytes("x".repeat(10)));
            clock.advance(1);
        }
        assertThat(pauses[0]).isZero();
        wrapper.dataReceived(bytes("x".repeat(11)));
        clock.advance(1);
        assertThat(pauses[0]).isEqualTo(1);
    }

    @Test
    void writingOverTheLimitPausesTheRegisteredProducer() {
        factory.setWriteLimit(20);
        ProtocolWrapper wrapper = factory.buildProtocol(peer("10.0.0.2", 1));
        StringTransportWithDisconnection transport = open(wrapper);
        Recorder producer = new Recorder();
        wrapper.registerProducer(producer, true);
        wrapper.write(bytes("y".repeat(30)));
        wrapper.write(bytes("y".repeat(20)));

        clock.advance(1);
        assertThat(producer.calls).containsExactly("pause");
        assertThat(factory.isWriteThrottled()).isTrue();
        clock.advance(1.5);
        assertThat(producer.calls).containsExactly("pause", "resume");
        assertThat(transport.value()).hasSize(50);
    }

    @Test
    void theEndOfAWriteThrottleLeavesAProducerThatTheTransportPausedPaused() {
        factory.setWriteLimit(10);
        ProtocolWrapper wrapper = factory.buildProtocol(peer("10.0.0.2", 1));
        StringTransportWithDisconnection transport = open(wrapper);
        Recorder producer = new Recorder();
        wrapper.registerProducer(producer, true);
        PushProducer registered = (PushProducer) transport.producer();
        wrapper.write(bytes("y".repeat(20)));
        clock.advance(1);
        registered.pauseProducing();
        clock.advance(1);
        assertThat(factory.isWriteThrottled()).isFalse();
        assertThat(producer.calls).containsExactly("pause");
        registered.resumeProducing();
        assertThat(producer.calls).containsExactly("pause", "resume");
        registered.stopProducing();
        assertThat(producer.calls).containsExactly("pause", "resume", "stop");
    }

    @Test
    void aProducerRegisteredWhileWritesAreThrottledStartsPaused() {
        factory.setWriteLimit(10);
        ProtocolWrapper wrapper = factory.buildProtocol(peer("10.0.0.2", 1));
        open(wrapper);
        wrapper.write(bytes("y".repeat(30)));
        clock.advance(1);
        Recorder producer = new Recorder();
        wrapper.registerProducer(producer, true);
        assertThat(producer.calls).containsExactly("pause");
        clock.advance(2);
        assertThat(producer.calls).containsExactly("pause", "resume");
    }

    @Test
    void connectionsBeyondTheMaximumAreRefusedUntilOneCloses() {
        factory.setMaxConnectionCount(2);
        StringTransportWithDisconnection one = open(factory.buildProtocol(peer("10.0.0.2", 1)));
        open(factory.buildProtocol(peer("10.0.0.2", 2)));
        assertThat(factory.buildProtocol(peer("10.0.0.2", 3))).isNull();
        assertThat(factory.connectionCount()).isEqualTo(2);
        one.loseConnection();
        assertThat(factory.connectionCount()).isEqualTo(1);
        assertThat(factory.buildProtocol(peer("10.0.0.2", 3))).isNotNull();
    }

    @Test
    void theRoundsStopWithTheLastConnection() {
        factory.setReadLimit(10);
        factory.setWriteLimit(10);
        ProtocolWrapper wrapper = factory.buildProtocol(peer("10.0.0.2", 1));
        StringTransportWithDisconnection transport = open(wrapper);
        wrapper.dataReceived(bytes("x".repeat(100)));
        clock.advance(1);
        assertThat(clock.getDelayedCalls()).isNotEmpty();
        transport.loseConnection();
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(factory.isReadThrottled()).isFalse();
    }

    @Test
    void noLimitsMeanNoTimers() {
        open(factory.buildProtocol(peer("10.0.0.2", 1)));
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void aConnectionMadeWhileReadsAreThrottledStartsPaused() {
        factory.setReadLimit(10);
        ProtocolWrapper first = factory.buildProtocol(peer("10.0.0.2", 1));
        open(first);
        first.dataReceived(bytes("x".repeat(40)));
        clock.advance(1);
        StringTransportWithDisconnection late = open(factory.buildProtocol(peer("10.0.0.3", 1)));
        assertThat(late.producerState()).isEqualTo(ProducerState.PAUSED);
        clock.advance(3);
        assertThat(late.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void theEndOfAThrottleLeavesAProtocolThatPausedItselfPaused() {
        factory.setReadLimit(10);
        ProtocolWrapper wrapper = factory.buildProtocol(peer("10.0.0.2", 1));
        StringTransportWithDisconnection transport = open(wrapper);
        wrapper.dataReceived(bytes("x".repeat(20)));
        clock.advance(1);
        assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
        echoes.built.getFirst().transport().pauseProducing();
        clock.advance(1);
        assertThat(factory.isReadThrottled()).isFalse();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
        echoes.built.getFirst().transport().resumeProducing();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }
}
