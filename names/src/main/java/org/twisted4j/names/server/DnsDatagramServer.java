package org.twisted4j.names.server;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DatagramProtocol;

/** The UDP side of a {@link DNSServerFactory}: one response datagram, at most, per query datagram. */
final class DnsDatagramServer extends DatagramProtocol {

    private final DNSServerFactory server;

    DnsDatagramServer(DNSServerFactory server) {
        this.server = server;
    }

    @Override
    public void datagramReceived(ByteBuffer data, Address sender) {
        byte[] wire = new byte[data.remaining()];
        data.get(wire);
        for (byte[] response : server.handle(wire, sender, false)) {
            transport().write(ByteBuffer.wrap(response), sender);
        }
    }
}
