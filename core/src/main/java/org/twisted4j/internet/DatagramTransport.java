package org.twisted4j.internet;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A UDP port as its {@link DatagramProtocol} sees it, as Twisted's {@code IUDPTransport}: where to send
 * datagrams.
 *
 * <pre>{@code
 * public void datagramReceived(ByteBuffer data, Address sender) {
 *     transport().write(copyOf(data), sender);     // echo
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface DatagramTransport {

    /**
     * Sends the bytes between {@code packet}'s position and limit as one datagram. As for
     * {@link Consumer#write(ByteBuffer)}, do not change those bytes after the call.
     *
     * @param packet the datagram's content
     * @param to where to send it
     * @throws IllegalArgumentException if {@code to} is not a UDP {@link IPv4Address} or
     *     {@link IPv6Address}
     * @throws IllegalStateException if this port is connected to a peer (use {@link #write(ByteBuffer)})
     */
    void write(ByteBuffer packet, Address to);

    /**
     * Sends the bytes between {@code packet}'s position and limit as one datagram to the peer this port is
     * {@linkplain #connect connected} to.
     *
     * @param packet the datagram's content
     * @throws IllegalStateException if this port is not connected
     */
    void write(ByteBuffer packet);

    /**
     * Connects this port to one peer: it then sends only to it, receives only from it, and
     * {@link DatagramProtocol#connectionRefused()} reports when nothing listens there.
     *
     * @param host the peer's address (not a name: resolve it first)
     * @param port the peer's port
     * @throws IllegalStateException if this port is connected already
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code host} is not an IP
     *     address
     */
    void connect(String host, int port);

    /** Returns the address this port is bound to. */
    Address getHost();

    /**
     * Closes this port; its protocol's {@link DatagramProtocol#doStop()} follows.
     *
     * @return fires with null once the port has closed
     */
    Deferred<@Nullable Void> stopListening();

    /**
     * Allows or forbids sending to broadcast addresses (SO_BROADCAST).
     *
     * @param enabled true to allow it
     */
    void setBroadcastAllowed(boolean enabled);

    /** Returns whether sending to broadcast addresses is allowed. */
    boolean isBroadcastAllowed();
}
