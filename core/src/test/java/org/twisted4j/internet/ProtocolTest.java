package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    /** Notes the order of events and what the transport was when connectionMade ran. */
    private static final class Recorder extends Protocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("made via " + transport().getHost());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            events.add("data " + StandardCharsets.US_ASCII.decode(data));
        }
    }

    private static final class Plain extends Protocol {
    }

    @Test
    void makeConnectionAttachesTheTransportBeforeConnectionMadeRuns() {
        Recorder protocol = new Recorder();
        RecordingTransport transport = new RecordingTransport();

        protocol.makeConnection(transport);

        assertThat(protocol.transport()).isSameAs(transport);
        assertThat(protocol.events).containsExactly("made via " + transport.getHost());
    }

    @Test
    void transportBeforeMakeConnectionIsAnError() {
        assertThatThrownBy(() -> new Recorder().transport())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void secondMakeConnectionIsRefusedAndKeepsTheFirstTransport() {
        Recorder protocol = new Recorder();
        RecordingTransport first = new RecordingTransport();
        protocol.makeConnection(first);

        assertThatThrownBy(() -> protocol.makeConnection(new RecordingTransport()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(protocol.transport()).isSameAs(first);
        assertThat(protocol.events).hasSize(1);
    }

    @Test
    void defaultEventsDoNothing() {
        Plain protocol = new Plain();
        RecordingTransport transport = new RecordingTransport();
        protocol.makeConnection(transport);
        protocol.dataReceived(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        protocol.connectionLost(new org.twisted4j.defer.Failure(new ConnectionDone()));

        assertThat(transport.written.size()).isZero();
        assertThat(transport.lost).isFalse();
    }

    @Test
    void factoryIsUnsetUntilRecorded() {
        Plain protocol = new Plain();
        assertThat(protocol.factory()).isNull();
        Factory factory = Factory.forProtocol(Plain::new);
        protocol.setFactory(factory);
        assertThat(protocol.factory()).isSameAs(factory);
    }

    @Test
    void dataReceivedSeesTheBytesBetweenPositionAndLimit() {
        Recorder protocol = new Recorder();
        protocol.makeConnection(new RecordingTransport());
        ByteBuffer data = ByteBuffer.wrap("xxhelloyy".getBytes(StandardCharsets.US_ASCII));
        data.position(2).limit(7);

        protocol.dataReceived(data);

        assertThat(protocol.events).last().isEqualTo("data hello");
    }
}
