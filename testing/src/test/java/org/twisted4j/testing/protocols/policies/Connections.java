package org.twisted4j.testing.protocols.policies;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.StringTransportWithDisconnection;

/** Shorthands for the policy tests. */
final class Connections {
    private Connections() {
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }

    static IPv4Address peer(String host, int port) {
        return new IPv4Address(AddressType.TCP, host, port);
    }

    /** Connects {@code protocol} to a new transport that tells it when it closes. */
    static StringTransportWithDisconnection connect(Protocol protocol) {
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        return transport;
    }

    /** A protocol that records what happens to it and echoes what it receives. */
    static final class Echo extends Protocol {
        final List<String> received = new ArrayList<>();
        final List<Failure> lost = new ArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            received.add(new String(copy, ISO_8859_1));
            transport().write(copy);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.add(reason);
        }
    }

    /** A factory of {@link Echo} protocols that keeps them. */
    static final class Echoes extends Factory {
        final List<Echo> built = new ArrayList<>();
        boolean refuse;
        int started;
        int stopped;

        @Override
        public @Nullable Protocol buildProtocol(Address peer) {
            if (refuse) {
                return null;
            }
            Echo echo = new Echo();
            echo.setFactory(this);
            built.add(echo);
            return echo;
        }

        @Override
        protected void startFactory() {
            started++;
        }

        @Override
        protected void stopFactory() {
            stopped++;
        }
    }
}
