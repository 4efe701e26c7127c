package org.twisted4j.testing.protocols.socks;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.protocols.socks.SocksFactory;
import org.twisted4j.protocols.socks.SocksOptions;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransportWithDisconnection;

/** One SOCKS server on a string transport, with a memory reactor and a resolver the test answers. */
final class SocksHarness {
    /** The local address of the outgoing connection: 127.0.0.1:40000 (0x9c40). */
    static final IPv4Address BOUND = new IPv4Address(AddressType.TCP, "127.0.0.1", 40000);

    final MemoryReactor reactor = new MemoryReactor();
    final List<String> lookups = new ArrayList<>();
    final List<Deferred<List<InetAddress>>> answers = new ArrayList<>();
    final Protocol server;
    final StringTransportWithDisconnection client = new StringTransportWithDisconnection();
    StringTransportWithDisconnection outgoing = new StringTransportWithDisconnection(BOUND, BOUND);

    SocksHarness(SocksOptions options) {
        SocksOptions withResolver = options.withResolver(host -> {
            lookups.add(host);
            Deferred<List<InetAddress>> answer = new Deferred<>();
            answers.add(answer);
            return answer;
        });
        server = new SocksFactory(reactor, withResolver).buildProtocol(client.getPeer());
        client.setProtocol(server);
        server.makeConnection(client);
    }

    /** Delivers {@code bytes} split at {@code split}. */
    SocksHarness feed(byte[] bytes, int split) {
        if (split > 0) {
            server.dataReceived(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 0, split)));
        }
        if (split < bytes.length) {
            server.dataReceived(ByteBuffer.wrap(Arrays.copyOfRange(bytes, split, bytes.length)));
        }
        return this;
    }

    /** Delivers {@code bytes} one at a time. */
    SocksHarness feedBytewise(byte[] bytes) {
        for (byte b : bytes) {
            server.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        return this;
    }

    /** Makes the outgoing connection the server asked for. */
    Protocol connectOutgoing() {
        MemoryReactor.TcpClient request = reactor.tcpClients().get(0);
        Address destination = new IPv4Address(AddressType.TCP, "10.9.9.9", request.port());
        Protocol protocol = request.factory().buildProtocol(destination);
        outgoing.setProtocol(protocol);
        protocol.makeConnection(outgoing);
        return protocol;
    }

    /** Takes what the server has written to its client so far. */
    byte[] reply() {
        byte[] value = client.value();
        client.clear();
        return value;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
