package org.twisted4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.testing.Bytes.ascii;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.TCPTransport;

class LoopbackTransportTest {

    /** Records what its consumer asks of it. */
    private static final class RecordingPushProducer implements PushProducer {
        final List<String> events = new ArrayList<>();

        @Override
        public void pauseProducing() {
            events.add("pause");
        }

        @Override
        public void resumeProducing() {
            events.add("resume");
        }

        @Override
        public void stopProducing() {
            events.add("stop");
        }
    }

    /** Writes "0", "1", ... one piece each time it is asked, then unregisters. */
    private static final class CountingPullProducer implements PullProducer {
        private final TCPTransport consumer;
        private final int pieces;
        int asked;
        boolean stopped;

        CountingPullProducer(TCPTransport consumer, int pieces) {
            this.consumer = consumer;
            this.pieces = pieces;
        }

        @Override
        public void resumeProducing() {
            if (asked >= pieces) {
                throw new IllegalStateException("asked after unregistering");
            }
            consumer.write(ascii(Integer.toString(asked)));
            asked++;
            if (asked == pieces) {
                consumer.unregisterProducer();
            }
        }

        @Override
        public void stopProducing() {
            stopped = true;
        }
    }

    /** Half-closeable; records the half-close events and the final loss. */
    private static class HalfCloser extends Protocol implements HalfCloseableProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void readConnectionLost() {
            events.add("read lost");
        }

        @Override
        public void writeConnectionLost() {
            events.add("write lost");
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            events.add("data " + java.nio.charset.StandardCharsets.US_ASCII.decode(data));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost " + reason.type().getSimpleName());
        }
    }

    /** Answers end of stream with a summary, then closes: the usual half-close server. */
    private static final class SummaryServer extends HalfCloser {
        @Override
        public void readConnectionLost() {
            super.readConnectionLost();
            transport().write(ascii("summary"));
            transport().loseConnection();
        }
    }

    private static IOPump connect(Protocol server, Protocol client) {
        return IOPump.connectedLoopback(server, client);
    }

    @Test
    void pushProducerIsPausedAboveTheLimitAndResumedWhenDrained() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        IOPump pump = connect(server, new AccumulatingProtocol());
        LoopbackTransport client = pump.clientTransport();
        client.setWriteBufferLimit(4);
        RecordingPushProducer producer = new RecordingPushProducer();
        client.registerProducer(producer, true);

        client.write(ascii("1234"));
        assertThat(producer.events).isEmpty();
        client.write(ascii("5"));
        assertThat(producer.events).containsExactly("pause");
        client.write(ascii("6"));
        assertThat(producer.events).containsExactly("pause");

        pump.pump();
        assertThat(server.dataAsString()).isEqualTo("123456");
        assertThat(producer.events).containsExactly("pause", "resume");
    }

    @Test
    void pausedReaderHoldsDataBackUntilResumedAndBackPressureReachesTheSender() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        IOPump pump = connect(server, new AccumulatingProtocol());
        LoopbackTransport client = pump.clientTransport();
        client.setWriteBufferLimit(2);
        RecordingPushProducer producer = new RecordingPushProducer();
        client.registerProducer(producer, true);

        pump.serverTransport().pauseProducing();
        client.write(ascii("abc"));
        assertThat(pump.flush()).isFalse();
        assertThat(server.dataAsString()).isEmpty();
        assertThat(client.bufferedBytes()).isEqualTo(3);
        assertThat(producer.events).containsExactly("pause");

        pump.serverTransport().resumeProducing();
        pump.flush();
        assertThat(server.dataAsString()).isEqualTo("abc");
        assertThat(producer.events).containsExactly("pause", "resume");
    }

    @Test
    void pullProducerIsAskedUntilItUnregisters() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        IOPump pump = connect(server, new AccumulatingProtocol());
        CountingPullProducer producer = new CountingPullProducer(pump.clientTransport(), 5);

        pump.clientTransport().registerProducer(producer, false);
        assertThat(producer.asked).isEqualTo(1);
        pump.flush();

        assertThat(server.dataAsString()).isEqualTo("01234");
        assertThat(pump.clientTransport().producer()).isNull();
        assertThat(producer.stopped).isFalse();
    }

    @Test
    void loseConnectionWaitsForTheProducerToUnregister() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = connect(server, client);
        RecordingPushProducer producer = new RecordingPushProducer();
        pump.clientTransport().registerProducer(producer, true);

        pump.clientTransport().loseConnection();
        pump.flush();
        assertThat(client.isClosed()).isFalse();

        pump.clientTransport().unregisterProducer();
        pump.flush();
        assertThat(client.closedReason().value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.closedReason().value()).isInstanceOf(ConnectionDone.class);
        assertThat(producer.events).doesNotContain("stop");
    }

    @Test
    void producerIsStoppedWhenThePeerClosesTheConnection() {
        IOPump pump = connect(new AccumulatingProtocol(), new AccumulatingProtocol());
        RecordingPushProducer producer = new RecordingPushProducer();
        pump.clientTransport().registerProducer(producer, true);

        pump.serverTransport().loseConnection();
        pump.flush();

        assertThat(producer.events).containsExactly("stop");
        assertThat(pump.clientTransport().producer()).isNull();
    }

    @Test
    void abortStopsTheProducerAtOnce() {
        IOPump pump = connect(new AccumulatingProtocol(), new AccumulatingProtocol());
        RecordingPushProducer producer = new RecordingPushProducer();
        pump.clientTransport().registerProducer(producer, true);

        pump.clientTransport().abortConnection();

        assertThat(producer.events).containsExactly("stop");
        assertThat(pump.clientTransport().producer()).isNull();
    }

    @Test
    void producerRegisteredAfterTheConnectionIsLostIsStopped() {
        IOPump pump = connect(new AccumulatingProtocol(), new AccumulatingProtocol());
        pump.clientTransport().loseConnection();
        pump.flush();
        RecordingPushProducer producer = new RecordingPushProducer();

        pump.clientTransport().registerProducer(producer, true);

        assertThat(producer.events).containsExactly("stop");
        assertThat(pump.clientTransport().producer()).isNull();
    }

    @Test
    void secondProducerAndMissingProducerAreRefused() {
        LoopbackTransport client = connect(new AccumulatingProtocol(), new AccumulatingProtocol()).clientTransport();
        assertThatThrownBy(client::unregisterProducer).isInstanceOf(IllegalStateException.class);
        client.registerProducer(new RecordingPushProducer(), true);
        assertThatThrownBy(() -> client.registerProducer(new RecordingPushProducer(), true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopProducingClosesTheConnection() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        IOPump pump = connect(server, new AccumulatingProtocol());

        pump.clientTransport().stopProducing();
        pump.flush();

        assertThat(server.closedReason().value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void halfCloseLetsTheServerAnswerAfterEndOfStream() {
        SummaryServer server = new SummaryServer();
        HalfCloser client = new HalfCloser();
        IOPump pump = connect(server, client);

        client.transport().write(ascii("upload"));
        ((TCPTransport) client.transport()).loseWriteConnection();
        client.transport().write(ascii("dropped"));
        pump.flush();

        assertThat(server.events).containsExactly("data upload", "read lost", "lost ConnectionDone");
        assertThat(client.events).containsExactly("write lost", "data summary", "lost ConnectionDone");
    }

    @Test
    void endOfStreamClosesTheConnectionWhenThePeerCannotHalfClose() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        HalfCloser client = new HalfCloser();
        IOPump pump = connect(server, client);

        ((TCPTransport) client.transport()).loseWriteConnection();
        pump.flush();

        assertThat(client.events).containsExactly("write lost", "lost ConnectionDone");
        assertThat(server.closedReason().value()).isInstanceOf(ConnectionDone.class);
    }

    @Test
    void connectionClosesOnceBothEndsHaveHalfClosed() {
        HalfCloser server = new HalfCloser();
        HalfCloser client = new HalfCloser();
        IOPump pump = connect(server, client);

        ((TCPTransport) client.transport()).loseWriteConnection();
        pump.flush();
        assertThat(server.events).containsExactly("read lost");
        ((TCPTransport) server.transport()).loseWriteConnection();
        pump.flush();

        assertThat(server.events).containsExactly("read lost", "write lost", "lost ConnectionDone");
        assertThat(client.events).containsExactly("write lost", "lost ConnectionDone");
    }

    @Test
    void tcpOptionsAreRemembered() {
        LoopbackTransport client = connect(new AccumulatingProtocol(), new AccumulatingProtocol()).clientTransport();
        client.setTcpNoDelay(true);
        client.setTcpKeepAlive(true);
        assertThat(client.getTcpNoDelay()).isTrue();
        assertThat(client.getTcpKeepAlive()).isTrue();
    }

    @Test
    void negativeWriteBufferLimitIsRefused() {
        LoopbackTransport client = connect(new AccumulatingProtocol(), new AccumulatingProtocol()).clientTransport();
        assertThatThrownBy(() -> client.setWriteBufferLimit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.writeBufferLimit()).isEqualTo(LoopbackTransport.DEFAULT_WRITE_BUFFER_LIMIT);
    }
}
