package org.twisted4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.Bytes.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;

class StringTransportTest {

    /** A push producer that does nothing. */
    private static final class Pusher implements PushProducer {
        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    }

    /** A pull producer that does nothing. */
    private static final class Puller implements PullProducer {
        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
        }
    }

    @Test
    void echoProtocolWritesBackWhatItReceives() {
        StringTransport transport = new StringTransport();
        Echo echo = new Echo();
        echo.makeConnection(transport);

        echo.dataReceived(ascii("hello, "));
        echo.dataReceived(ascii("world"));

        assertThat(transport.valueAsString()).isEqualTo("hello, world");
    }

    @Test
    void clearForgetsEarlierWrites() {
        StringTransport transport = new StringTransport();
        transport.write("first".getBytes(StandardCharsets.US_ASCII));
        transport.clear();
        transport.write("second".getBytes(StandardCharsets.US_ASCII));

        assertThat(transport.value()).isEqualTo("second".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void writeTakesTheBytesBetweenPositionAndLimitAndLeavesTheBufferAlone() {
        StringTransport transport = new StringTransport();
        ByteBuffer heap = ascii("..abc..");
        heap.position(2).limit(5);
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(ascii("def")).flip();

        transport.write(heap);
        transport.write(direct.asReadOnlyBuffer());

        assertThat(transport.valueAsString()).isEqualTo("abcdef");
        assertThat(heap.position()).isEqualTo(2);
        assertThat(heap.limit()).isEqualTo(5);
    }

    @Test
    void writeSequenceWritesEachBufferInOrder() {
        StringTransport transport = new StringTransport();
        transport.writeSequence(List.of(ascii("a"), ascii("bc"), ascii("")));
        assertThat(transport.valueAsString()).isEqualTo("abc");
    }

    @Test
    void valueIsACopy() {
        StringTransport transport = new StringTransport();
        transport.write(new byte[] {1, 2});
        transport.value()[0] = 9;
        assertThat(transport.value()).containsExactly(1, 2);
    }

    @Test
    void addressesDefaultAndCanBeSet() {
        StringTransport transport = new StringTransport();
        assertThat(transport.getHost()).isEqualTo(StringTransport.DEFAULT_HOST);
        assertThat(transport.getPeer()).isEqualTo(StringTransport.DEFAULT_PEER);

        IPv6Address peer = new IPv6Address(AddressType.TCP, "::1", 4242);
        transport.setPeer(peer);
        assertThat(transport.getPeer()).isEqualTo(peer);
        assertThat(new StringTransport(peer, StringTransport.DEFAULT_PEER).getHost()).isEqualTo(peer);
    }

    @Test
    void loseConnectionOnlyRecordsTheRequest() {
        StringTransport transport = new StringTransport();
        AccumulatingProtocol protocol = new AccumulatingProtocol();
        protocol.makeConnection(transport);

        transport.loseConnection();

        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(transport.isAborted()).isFalse();
        assertThat(protocol.isClosed()).isFalse();
    }

    @Test
    void abortConnectionRecordsAbortAndDisconnecting() {
        StringTransport transport = new StringTransport();
        transport.abortConnection();
        assertThat(transport.isAborted()).isTrue();
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void writesAfterLoseConnectionAreStillRecorded() {
        StringTransport transport = new StringTransport();
        transport.loseConnection();
        transport.write(ascii("late"));
        assertThat(transport.valueAsString()).isEqualTo("late");
    }

    @Test
    void tcpOptionsAndHalfCloseAreRecorded() {
        StringTransport transport = new StringTransport();
        transport.setTcpNoDelay(true);
        transport.setTcpKeepAlive(true);
        transport.loseWriteConnection();

        assertThat(transport.getTcpNoDelay()).isTrue();
        assertThat(transport.getTcpKeepAlive()).isTrue();
        assertThat(transport.isWriteDisconnected()).isTrue();
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void producerRegistrationIsRecorded() {
        StringTransport transport = new StringTransport();
        Pusher producer = new Pusher();

        transport.registerProducer(producer, true);
        assertThat(transport.producer()).isSameAs(producer);
        assertThat(transport.isStreaming()).isTrue();

        transport.unregisterProducer();
        assertThat(transport.producer()).isNull();
        assertThat(transport.isStreaming()).isFalse();

        Puller puller = new Puller();
        transport.registerProducer(puller, false);
        assertThat(transport.producer()).isSameAs(puller);
        assertThat(transport.isStreaming()).isFalse();
    }

    @Test
    void registeringASecondProducerIsRefusedAndKeepsTheFirst() {
        StringTransport transport = new StringTransport();
        Pusher first = new Pusher();
        transport.registerProducer(first, true);

        assertThatThrownBy(() -> transport.registerProducer(new Pusher(), true))
                .isInstanceOf(IllegalStateException.class);
        assertThat(transport.producer()).isSameAs(first);
    }

    @Test
    void unregisteringWithoutAProducerIsRefused() {
        assertThatThrownBy(() -> new StringTransport().unregisterProducer())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void producerOfTheWrongKindIsRefused() {
        StringTransport transport = new StringTransport();
        assertThatThrownBy(() -> transport.registerProducer(new Puller(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PushProducer");
        assertThatThrownBy(() -> transport.registerProducer(new Pusher(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PullProducer");
        assertThat(transport.producer()).isNull();
    }

    @Test
    void readSideStateFollowsPauseResumeAndStop() {
        StringTransport transport = new StringTransport();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);

        transport.pauseProducing();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
        transport.resumeProducing();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        transport.stopProducing();
        assertThat(transport.producerState()).isEqualTo(ProducerState.STOPPED);
    }

    @Test
    void resumingAStoppedTransportIsRefusedEvenWhenLenient() {
        StringTransport transport = new StringTransport();
        transport.setLenient(true);
        transport.stopProducing();

        assertThatThrownBy(transport::resumeProducing).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(transport::pauseProducing).isInstanceOf(IllegalStateException.class);
        assertThat(transport.producerState()).isEqualTo(ProducerState.STOPPED);
    }

    @Test
    void pausingOrResumingAfterLoseConnectionIsRefusedUnlessLenient() {
        StringTransport strict = new StringTransport();
        strict.loseConnection();
        assertThatThrownBy(strict::resumeProducing).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(strict::pauseProducing).isInstanceOf(IllegalStateException.class);

        StringTransport lenient = new StringTransport();
        lenient.setLenient(true);
        lenient.loseConnection();
        lenient.pauseProducing();
        assertThat(lenient.producerState()).isEqualTo(ProducerState.PAUSED);
    }
}
