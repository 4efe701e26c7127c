package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;

class DatagramProtocolTest {

    /** Records start and stop. */
    private static final class Recorder extends DatagramProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void startProtocol() {
            events.add("start, attached: " + (transport() != null));
        }

        @Override
        public void stopProtocol() {
            events.add("stop");
        }
    }

    /** A port that does nothing. */
    private static final class Port implements DatagramTransport {
        @Override
        public void write(ByteBuffer packet, Address to) {
        }

        @Override
        public void write(ByteBuffer packet) {
        }

        @Override
        public void connect(String host, int port) {
        }

        @Override
        public Address getHost() {
            return new IPv4Address(AddressType.UDP, "0.0.0.0", 9999);
        }

        @Override
        public Deferred<@Nullable Void> stopListening() {
            return Deferred.succeed(null);
        }

        @Override
        public void setBroadcastAllowed(boolean enabled) {
        }

        @Override
        public boolean isBroadcastAllowed() {
            return false;
        }
    }

    @Test
    void makeConnectionAttachesTheTransportThenStartsTheProtocol() {
        Recorder protocol = new Recorder();
        Port port = new Port();

        protocol.makeConnection(port);

        assertThat(protocol.transport()).isSameAs(port);
        assertThat(protocol.events).containsExactly("start, attached: true");
    }

    @Test
    void doStopDetachesAndStopsTheProtocol() {
        Recorder protocol = new Recorder();
        protocol.makeConnection(new Port());

        protocol.doStop();

        assertThat(protocol.events).containsExactly("start, attached: true", "stop");
        assertThatThrownBy(protocol::transport).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void doStopWithoutStartIsAnError() {
        assertThatThrownBy(() -> new Recorder().doStop()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void attachingTwiceIsRefused() {
        Recorder protocol = new Recorder();
        protocol.makeConnection(new Port());
        assertThatThrownBy(() -> protocol.makeConnection(new Port())).isInstanceOf(IllegalStateException.class);
    }
}
