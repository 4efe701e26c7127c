package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.DatagramTransport;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;

/**
 * The UDP port a {@link MemoryReactor} opens: the {@link DatagramTransport} its protocol writes to, which
 * records each datagram instead of sending it, as Twisted's {@code FakeDatagramTransport}. It is also the
 * {@link ListeningPort} {@code listenUDP} returns.
 *
 * <pre>{@code
 * FakeDatagramPort port = (FakeDatagramPort) reactor.listenUDP(5353, protocol);
 * protocol.datagramReceived(query, sender);
 * assertThat(port.written()).singleElement().extracting(Datagram::to).isEqualTo(sender);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Single-threaded, like the reactor thread it stands in for.
 */
public final class FakeDatagramPort implements DatagramTransport, ListeningPort {

    /**
     * A datagram written to the port.
     *
     * @param data a copy of its content
     * @param to where it was addressed: the given address, or the connected peer's
     */
    public record Datagram(byte[] data, Address to) {
    }

    private final Address host;
    private final DatagramProtocol protocol;
    private final List<Datagram> written = new ArrayList<>();
    private @Nullable Address connectedTo;
    private boolean broadcastAllowed;
    private boolean listening;

    FakeDatagramPort(Address host, DatagramProtocol protocol) {
        this.host = host;
        this.protocol = protocol;
    }

    /**
     * Records a datagram to {@code to}.
     *
     * @throws IllegalArgumentException if {@code to} is not a UDP IPv4 or IPv6 address
     * @throws IllegalStateException if the port is connected
     */
    @Override
    public void write(ByteBuffer packet, Address to) {
        Objects.requireNonNull(to, "to");
        if (connectedTo != null) {
            throw new IllegalStateException("port " + host + " is connected to " + connectedTo
                    + "; write without an address");
        }
        boolean udp = switch (to) {
            case IPv4Address a -> a.type() == AddressType.UDP;
            case IPv6Address a -> a.type() == AddressType.UDP;
            default -> false;
        };
        if (!udp) {
            throw new IllegalArgumentException("cannot send a datagram to " + to + ": not a UDP address");
        }
        record(packet, to);
    }

    /**
     * Records a datagram to the connected peer.
     *
     * @throws IllegalStateException if the port is not connected
     */
    @Override
    public void write(ByteBuffer packet) {
        Address peer = connectedTo;
        if (peer == null) {
            throw new IllegalStateException("port " + host + " is not connected; give an address");
        }
        record(packet, peer);
    }

    /**
     * Records the peer this port is connected to.
     *
     * @throws IllegalStateException if it is connected already
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    @Override
    public void connect(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (connectedTo != null) {
            throw new IllegalStateException("port " + this.host + " is connected already to " + connectedTo);
        }
        connectedTo = host.contains(":")
                ? new IPv6Address(AddressType.UDP, host, port)
                : new IPv4Address(AddressType.UDP, host, port);
    }

    @Override
    public Address getHost() {
        return host;
    }

    /**
     * Opens the port again, attaching the protocol.
     *
     * @throws IllegalStateException if it is open already
     */
    @Override
    public void startListening() {
        if (listening) {
            throw new IllegalStateException("port " + host + " is listening already");
        }
        listening = true;
        protocol.makeConnection(this);
    }

    /** Closes the port, calling the protocol's {@code doStop} if it was open; fires at once. */
    @Override
    public Deferred<@Nullable Void> stopListening() {
        if (listening) {
            listening = false;
            protocol.doStop();
        }
        return Deferred.succeed(null);
    }

    @Override
    public void setBroadcastAllowed(boolean enabled) {
        broadcastAllowed = enabled;
    }

    @Override
    public boolean isBroadcastAllowed() {
        return broadcastAllowed;
    }

    /** Returns the datagrams written so far, oldest first. */
    public List<Datagram> written() {
        return List.copyOf(written);
    }

    /** Returns the peer this port is connected to, or null if it is not. */
    public @Nullable Address connectedTo() {
        return connectedTo;
    }

    /** Returns whether the port is open. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public String toString() {
        return "FakeDatagramPort[" + host + (listening ? ", listening" : "") + "]";
    }

    private void record(ByteBuffer packet, Address to) {
        ByteBuffer view = packet.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        written.add(new Datagram(copy, to));
    }
}
