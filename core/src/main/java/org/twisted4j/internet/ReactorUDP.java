package org.twisted4j.internet;

/**
 * UDP ports, as Twisted's {@code IReactorUDP}.
 *
 * <pre>{@code
 * reactor.listenUDP(9999, new EchoDatagrams());
 * }</pre>
 *
 * <p>The protocol receives its {@link DatagramTransport} through
 * {@link DatagramProtocol#makeConnection} before this method returns.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ReactorUDP {

    /** The default largest datagram read, in bytes; longer ones are cut. */
    int DEFAULT_MAX_PACKET_SIZE = 8192;

    /**
     * Opens a UDP port.
     *
     * @param port the port, or 0 for one the system picks
     * @param protocol receives the datagrams
     * @param bindInterface the local address to listen on; empty for every IPv4 interface
     * @param maxPacketSize the largest datagram read, in bytes
     * @return the port
     * @throws CannotListenError if the port cannot be opened
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535 or {@code maxPacketSize} is
     *     not positive
     */
    ListeningPort listenUDP(int port, DatagramProtocol protocol, String bindInterface, int maxPacketSize);

    /**
     * Opens a UDP port on every IPv4 interface with the {@link #DEFAULT_MAX_PACKET_SIZE}.
     *
     * @param port the port, or 0 for one the system picks
     * @param protocol receives the datagrams
     * @return the port
     * @throws CannotListenError if the port cannot be opened
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    default ListeningPort listenUDP(int port, DatagramProtocol protocol) {
        return listenUDP(port, protocol, "", DEFAULT_MAX_PACKET_SIZE);
    }
}
