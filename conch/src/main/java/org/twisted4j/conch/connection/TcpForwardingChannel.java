package org.twisted4j.conch.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * A channel relaying a TCP connection (Twisted's {@code forwarding} module): {@code direct-tcpip}, where the server
 * connects out for the client ({@code ssh -L}), and {@code forwarded-tcpip}, where the server accepted a
 * connection on a port the client asked it to listen on ({@code ssh -R}); and {@code auth-agent@openssh.com}, an
 * agent's connection forwarded ({@code ssh -A}) from a socket the server listens on to the client's agent. Flow
 * control runs end to end: a full channel pauses reading from the socket, and a socket that cannot take more holds
 * back the channel's window.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class TcpForwardingChannel extends SshChannel {
    private final String type;
    private final ArrayDeque<byte[]> beforeConnect = new ArrayDeque<>();
    private @Nullable Transport tcp;
    private @Nullable ReactorTCP reactor;
    private @Nullable StreamClientEndpoint endpoint;
    private @Nullable String host;
    private int port;
    private boolean eofBeforeConnect;
    private boolean tcpDone;
    private boolean producerRegistered;

    private TcpForwardingChannel(String type) {
        this.type = type;
    }

    /** A {@code direct-tcpip} channel that connects once open. */
    static TcpForwardingChannel connecting(ReactorTCP reactor, String host, int port) {
        TcpForwardingChannel channel = new TcpForwardingChannel("direct-tcpip");
        channel.reactor = reactor;
        channel.host = host;
        channel.port = port;
        return channel;
    }

    /** A channel of this type, opened by the peer, that connects to {@code endpoint} once open. */
    static TcpForwardingChannel connecting(String type, StreamClientEndpoint endpoint) {
        TcpForwardingChannel channel = new TcpForwardingChannel(type);
        channel.endpoint = endpoint;
        return channel;
    }

    /** A relay that opens a channel of this type, with this open request data, once its connection is made. */
    static Relay opening(SshConnection connection, TcpForwardingChannel channel, byte[] extra) {
        return new Relay(channel) {
            @Override
            public void connectionMade() {
                transport().pauseProducing();
                super.connectionMade();
                connection.openChannel(channel, extra);
            }
        };
    }

    /** Accepts connections to a forwarded agent's socket, opening an {@code auth-agent@openssh.com} channel each. */
    static Factory agentFactory(SshConnection connection) {
        return Factory.forProtocol(() -> opening(connection, new TcpForwardingChannel("auth-agent@openssh.com"),
                new byte[0]));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    protected void channelOpen(SshWire extra) {
        if (reactor != null) {
            reactor.connectTCP(host, port, new ClientFactory() {
                @Override
                public Protocol buildProtocol(Address peer) {
                    return new Relay(TcpForwardingChannel.this);
                }

                @Override
                public void clientConnectionFailed(Connector connector, Failure reason) {
                    close();
                }
            });
        } else if (endpoint != null) {
            endpoint.connect(Factory.forProtocol(() -> new Relay(this))).addErrback(failure -> {
                close();
                return null;
            });
        } else if (tcp != null && !tcpDone) {
            tcp.resumeProducing();
        }
    }

    @Override
    protected void openFailed(int reason, String description) {
        tcpDone = true;
        if (tcp != null) {
            closeTcp();
        }
    }

    void tcpConnected(Transport transport) {
        tcp = transport;
        transport.registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
                pauseInput();
            }

            @Override
            public void resumeProducing() {
                resumeInput();
            }

            @Override
            public void stopProducing() {
            }
        }, true);
        producerRegistered = true;
        while (!beforeConnect.isEmpty()) {
            transport.write(ByteBuffer.wrap(beforeConnect.poll()));
        }
        if (eofBeforeConnect) {
            halfClose();
        }
    }

    @Override
    protected void dataReceived(byte[] data) {
        if (tcp == null) {
            beforeConnect.add(data);
        } else if (!tcpDone) {
            tcp.write(ByteBuffer.wrap(data));
        }
    }

    @Override
    protected void eofReceived() {
        if (tcp == null) {
            eofBeforeConnect = true;
        } else {
            halfClose();
        }
    }

    /** The peer sends no more: stop writing to the socket, but read what the other end still has to say. */
    private void halfClose() {
        if (tcp instanceof TCPTransport socket && !tcpDone) {
            // Nothing more will be written, so the socket's flow control is no longer needed; a registered producer
            // would hold the half-close back until it unregistered.
            unregisterProducer();
            socket.loseWriteConnection();
        } else {
            closeTcp();
        }
    }

    @Override
    protected void closed() {
        closeTcp();
    }

    @Override
    protected void outputPaused() {
        if (tcp != null && !tcpDone) {
            tcp.pauseProducing();
        }
    }

    @Override
    protected void outputResumed() {
        if (tcp != null && !tcpDone) {
            tcp.resumeProducing();
        }
    }

    private void closeTcp() {
        Transport transport = tcp;
        if (transport != null && !tcpDone) {
            tcpDone = true;
            unregisterProducer();
            transport.loseConnection();
        }
    }

    private void unregisterProducer() {
        if (producerRegistered) {
            producerRegistered = false;
            tcp.unregisterProducer();
        }
    }

    void tcpLost() {
        if (!tcpDone) {
            tcpDone = true;
        }
        sendEof();
        close();
    }

    /** The TCP end of a forwarding channel. */
    static class Relay extends Protocol {
        private final TcpForwardingChannel channel;

        Relay(TcpForwardingChannel channel) {
            this.channel = channel;
        }

        @Override
        public void connectionMade() {
            channel.tcpConnected(transport());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            channel.write(bytes);
        }

        @Override
        public void connectionLost(Failure reason) {
            channel.tcpLost();
        }
    }

    /** Accepts connections on a remotely forwarded port and opens a {@code forwarded-tcpip} channel for each. */
    static final class RemoteFactory extends Factory {
        private final SshConnection connection;
        private final String address;
        private int port;

        RemoteFactory(SshConnection connection, String address) {
            this.connection = connection;
            this.address = address;
        }

        void setPort(int port) {
            this.port = port;
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            TcpForwardingChannel channel = new TcpForwardingChannel("forwarded-tcpip");
            String originHost = "";
            int originPort = 0;
            if (peer instanceof IPv4Address v4) {
                originHost = v4.host();
                originPort = v4.port();
            } else if (peer instanceof IPv6Address v6) {
                originHost = v6.host();
                originPort = v6.port();
            }
            return opening(connection, channel, new SshWireWriter().utf8(address).uint32(port).utf8(originHost)
                    .uint32(originPort).toByteArray());
        }
    }
}
