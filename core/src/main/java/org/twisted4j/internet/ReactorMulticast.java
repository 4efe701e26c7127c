package org.twisted4j.internet;

/**
 * UDP ports that take part in multicast groups, as Twisted's {@code IReactorMulticast}.
 *
 * <pre>{@code
 * reactor.listenMulticast(8005, new Listener(), "", ReactorUDP.DEFAULT_MAX_PACKET_SIZE, true);
 * // in Listener.startProtocol(): ((MulticastTransport) transport()).joinGroup("228.0.0.5");
 * }</pre>
 *
 * <p>The protocol's transport is a {@link MulticastTransport}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ReactorMulticast {

    /**
     * Opens a UDP port for multicast.
     *
     * @param port the port, or 0 for one the system picks
     * @param protocol receives the datagrams
     * @param bindInterface the local address to listen on; empty for every IPv4 interface (what a
     *     multicast listener normally wants)
     * @param maxPacketSize the largest datagram read, in bytes; longer ones are cut
     * @param listenMultiple whether other sockets, in this process or others, may listen on the same port
     *     (SO_REUSEADDR, and SO_REUSEPORT where the system has it)
     * @return the port
     * @throws CannotListenError if the port cannot be opened
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code maxPacketSize} is
     *     not positive
     */
    ListeningPort listenMulticast(int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize,
            boolean listenMultiple);

    /**
     * Opens a UDP port for multicast on every IPv4 interface with the
     * {@link ReactorUDP#DEFAULT_MAX_PACKET_SIZE}, not shared with other sockets.
     *
     * @param port the port, or 0 for one the system picks
     * @param protocol receives the datagrams
     * @return the port
     * @throws CannotListenError if the port cannot be opened
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    default ListeningPort listenMulticast(int port, DatagramProtocol protocol) {
        return listenMulticast(port, protocol, "", ReactorUDP.DEFAULT_MAX_PACKET_SIZE, false);
    }
}
