package org.twisted4j.examples;

import java.nio.ByteBuffer;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;

/**
 * The UDP echo server: every datagram goes back to its sender. Twisted has no endpoint descriptions for
 * UDP, so the argument is a port number.
 *
 * <pre>
 * bin/run-example udp-echo [PORT]             # PORT defaults to 8000
 * </pre>
 */
public final class UdpEcho {

    /** Sends each datagram back where it came from. */
    public static final class EchoDatagrams extends DatagramProtocol {
        /** Made by {@link UdpEcho#protocol()}. */
        public EchoDatagrams() {
        }

        @Override
        public void datagramReceived(ByteBuffer data, Address sender) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(ByteBuffer.wrap(copy), sender);
        }
    }

    private UdpEcho() {
    }

    /** Returns a new protocol for one port. */
    public static EchoDatagrams protocol() {
        return new EchoDatagrams();
    }

    /**
     * Listens for datagrams on UDP port {@code port} on every interface and logs where. Reactor thread only.
     *
     * @param port a port number, 0 for any free one
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code port} is not a port number
     * @throws org.twisted4j.internet.CannotListenError if the port cannot be opened
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("udp-echo takes a port number, not '" + port + "'", e);
        }
        return Deferred.succeed(ExampleMain.announce("udp-echo", reactor.listenUDP(number, protocol())));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args the UDP port number
     */
    public static void main(String[] args) {
        ExampleMain.serve("udp-echo", args, "8000", UdpEcho::start);
    }
}
