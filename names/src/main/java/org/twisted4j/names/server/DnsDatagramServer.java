package org.twisted4j.names.server;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.logger.Logger;

/**
 * The UDP side of a {@link DNSServerFactory}: one response datagram, at most, per query datagram, within the
 * server's response-rate limit.
 */
final class DnsDatagramServer extends DatagramProtocol {

    private static final Logger log = new Logger("names");

    private final DNSServerFactory server;

    DnsDatagramServer(DNSServerFactory server) {
        this.server = server;
    }

    @Override
    public void datagramReceived(ByteBuffer data, Address sender) {
        byte[] wire = new byte[data.remaining()];
        data.get(wire);
        server.respond(wire, sender, false).addCallback(responses -> {
            for (byte[] response : responses) {
                byte[] allowed = server.limit(response, sender);
                if (allowed != null) {
                    transport().write(ByteBuffer.wrap(allowed), sender);
                }
            }
            return null;
        }).addErrback(failure -> {
            log.info("could not answer {peer}: {error}", "peer", DNSServerFactory.describe(sender), "error",
                    failure.value().toString());
            return null;
        });
    }
}
