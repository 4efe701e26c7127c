package org.twisted4j.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;

/**
 * One UDP query's port: sends the query to one server and takes the first datagram that answers it, from that
 * server, with the query's id and question; everything else that arrives (other senders, other ids, octets that
 * do not parse) is dropped, which is what makes a forged answer hard to get in.
 *
 * <p>Reactor thread only.
 */
final class DnsDatagramProtocol extends DatagramProtocol {
    private final Message query;
    private final Address server;
    private final Consumer<Message> answered;
    private boolean done;

    DnsDatagramProtocol(Message query, Address server, Consumer<Message> answered) {
        this.query = query;
        this.server = server;
        this.answered = answered;
    }

    void send() {
        transport().write(ByteBuffer.wrap(query.toBytes()), server);
    }

    @Override
    public void datagramReceived(ByteBuffer data, Address sender) {
        if (done || !sameHost(sender, server)) {
            return;
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        Message response;
        try {
            response = Message.parse(bytes);
        } catch (DnsFormatError e) {
            return;
        }
        if (!answers(query, response)) {
            return;
        }
        done = true;
        answered.accept(response);
    }

    /** Whether {@code response} answers {@code query}: a response with its id and its question. */
    static boolean answers(Message query, Message response) {
        return response.response() && response.id() == query.id()
                && (response.queries().isEmpty() && response.truncated()
                        || response.queries().equals(query.queries()));
    }

    private static boolean sameHost(Address a, Address b) {
        int portA;
        int portB;
        String hostA;
        String hostB;
        if (a instanceof IPv4Address v4) {
            hostA = v4.host();
            portA = v4.port();
        } else if (a instanceof IPv6Address v6) {
            hostA = v6.host();
            portA = v6.port();
        } else {
            return false;
        }
        if (b instanceof IPv4Address v4) {
            hostB = v4.host();
            portB = v4.port();
        } else if (b instanceof IPv6Address v6) {
            hostB = v6.host();
            portB = v6.port();
        } else {
            return false;
        }
        if (portA != portB) {
            return false;
        }
        try {
            return InetAddress.getByName(hostA).equals(InetAddress.getByName(hostB));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
