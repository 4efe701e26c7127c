package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.testing.StringTransport;

/**
 * Connections for an agent under test: each connect makes an in-memory {@link StringTransport}, at once or,
 * when held, once the test says.
 */
final class FakeEndpoints implements AgentEndpointFactory {

    /** One connection: what the client wrote, and a way to answer it. */
    static final class Conn {
        final URI uri;
        final StringTransport transport = new StringTransport();
        final Protocol protocol;

        Conn(URI uri, Protocol protocol) {
            this.uri = uri;
            this.protocol = protocol;
            transport.setLenient(true);
        }

        /** Returns and clears what the client wrote. */
        String take() {
            String written = transport.valueAsString(ISO_8859_1);
            transport.clear();
            return written;
        }

        Conn answer(String bytes) {
            protocol.dataReceived(ByteBuffer.wrap(bytes.getBytes(ISO_8859_1)));
            return this;
        }

        /** The server closes (or, after the client's loseConnection or abort, the close completes). */
        void closed() {
            protocol.connectionLost(new Failure(new ConnectionDone()));
        }
    }

    final List<Conn> connections = new ArrayList<>();
    final List<Deferred<Protocol>> held = new ArrayList<>();
    boolean hold;

    @Override
    public StreamClientEndpoint endpointForUri(URI uri) {
        return factory -> {
            Protocol protocol = factory.buildProtocol(StringTransport.DEFAULT_PEER);
            if (hold) {
                Deferred<Protocol> pending = new Deferred<>();
                held.add(pending);
                return pending;
            }
            Conn conn = new Conn(uri, protocol);
            connections.add(conn);
            protocol.makeConnection(conn.transport);
            return Deferred.succeed(protocol);
        };
    }

    Conn last() {
        return connections.get(connections.size() - 1);
    }
}
