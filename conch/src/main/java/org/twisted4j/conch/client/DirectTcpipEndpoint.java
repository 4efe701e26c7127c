package org.twisted4j.conch.client;

import java.util.Objects;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * A TCP connection made by the SSH server on the client's behalf (local forwarding, OpenSSH's {@code ssh -L} and
 * {@code -W}; RFC 4254 section 7.2): each {@link #connect} opens a {@code direct-tcpip} channel on an SSH
 * connection to a host and port as the server sees them, and runs the protocol over it.
 *
 * <pre>{@code
 * SshConnection connection = ((ChannelTransport) command.transport()).connection();
 * new DirectTcpipEndpoint(connection, "db.internal", 5432).connect(Factory.forProtocol(PgClient::new));
 * }</pre>
 *
 * <p>The Deferred fails with {@link org.twisted4j.conch.connection.ChannelOpenRefused} when the server will not
 * forward (sshd's {@code AllowTcpForwarding no}, or nothing listening there: reason 2, connect failed).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class DirectTcpipEndpoint implements StreamClientEndpoint {
    private final SshConnection connection;
    private final String host;
    private final int port;

    /**
     * Makes the endpoint.
     *
     * @param connection a client's SSH connection
     * @param host the host to connect to, as the server resolves it
     * @param port the port
     * @throws IllegalArgumentException if the port is outside 1 to 65535
     */
    public DirectTcpipEndpoint(SshConnection connection, String host, int port) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
        this.port = port;
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Objects.requireNonNull(factory, "factory");
        factory.doStart();
        Protocol protocol = factory.buildProtocol(connection.transport().transport().getPeer());
        Deferred<Protocol> result = protocol == null
                ? Deferred.fail(new ConnectionLost("the factory built no protocol"))
                : connection.openDirectTcpip(host, port, protocol).addCallback(transport -> protocol);
        return result.addBoth(outcome -> {
            factory.doStop();
            return outcome;
        }).addCallback(outcome -> (Protocol) outcome);
    }
}
