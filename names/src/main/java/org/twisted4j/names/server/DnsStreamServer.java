package org.twisted4j.names.server;

import org.twisted4j.protocols.basic.Int16StringReceiver;

/** One TCP connection of a {@link DNSServerFactory}: messages with a 2-byte length prefix (RFC 1035 §4.2.2). */
final class DnsStreamServer extends Int16StringReceiver {

    private final DNSServerFactory server;

    DnsStreamServer(DNSServerFactory server) {
        this.server = server;
        setMaxLength(0xFFFF);
    }

    @Override
    protected void stringReceived(byte[] message) {
        server.respond(message, transport().getPeer(), true).addCallback(responses -> {
            if (responses.isEmpty()) {
                transport().loseConnection();
                return null;
            }
            for (byte[] response : responses) {
                sendString(response);
            }
            return null;
        });
    }
}
