package org.twisted4j.ftp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.logger.Logger;

/**
 * Where the next data connection comes from: a passive port the client connects to (PASV/EPSV), accepting
 * only the control connection's host, or an address the server connects to (PORT/EPRT).
 */
final class DataChannel {

    private static final Logger log = new Logger("ftp");

    private final Deferred<DataConnection> connected = new Deferred<>();
    private final @Nullable ListeningPort port;
    private final @Nullable String activeHost;
    private final int activePort;
    private @Nullable DataConnection connection;
    private @Nullable Connector connector;
    private boolean closed;

    private DataChannel(@Nullable ListeningPort port, @Nullable String activeHost, int activePort) {
        this.port = port;
        this.activeHost = activeHost;
        this.activePort = activePort;
    }

    /**
     * Whether a data connection from {@code data} belongs to the client of {@code control}: same IP address
     * (an IPv4-mapped IPv6 address counts as its IPv4 one).
     */
    static boolean sameHost(Address control, Address data) {
        String a = hostOf(control);
        String b = hostOf(data);
        return a != null && b != null && sameHost(a, b);
    }

    /**
     * Whether two IP address literals name the same address.
     *
     * @implNote Checked for every passive data connection: the same text (the usual case, as both come from
     * the same socket layer) answers without parsing either address.
     */
    static boolean sameHost(String a, String b) {
        if (!isLiteral(a) || !isLiteral(b)) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.digit(c, 16) < 0 && c != '.' && c != ':') {
                return false;
            }
        }
        return true;
    }

    static @Nullable String hostOf(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> null;
        };
    }

    /** A passive channel: listens on {@code port} through the factory {@link #passiveFactory} made. */
    static DataChannel passive(ListeningPort port, Holder holder) {
        DataChannel channel = new DataChannel(port, null, 0);
        holder.channel = channel;
        return channel;
    }

    /** Lets the passive factory find its channel, which exists only once the port listens. */
    static final class Holder {
        @Nullable DataChannel channel;
    }

    /** The factory for a passive port: the first connection from {@code control}'s host, nothing else. */
    static Factory passiveFactory(Address control, boolean allowForeign, Holder holder,
            Supplier<DataConnection> make) {
        return new Factory() {
            @Override
            public @Nullable Protocol buildProtocol(Address peer) {
                DataChannel channel = holder.channel;
                if (channel == null || channel.closed || channel.connection != null) {
                    return null;
                }
                if (!allowForeign && !sameHost(control, peer)) {
                    log.warn("refused a passive data connection from {peer}: the control connection is from "
                            + "{control}", "peer", peer, "control", control);
                    return null;
                }
                DataConnection data = make.get();
                channel.accepted(data);
                return data;
            }
        };
    }

    /** An active channel to {@code host}:{@code port}, connected when first needed. */
    static DataChannel active(String host, int port) {
        return new DataChannel(null, host, port);
    }

    private void accepted(DataConnection data) {
        connection = data;
        ListeningPort listening = port;
        if (listening != null) {
            listening.stopListening();
        }
        data.ready().chainDeferred(connected);
    }

    /** The data connection, once ready; an active channel connects now. */
    Deferred<DataConnection> connection(ReactorTCP tcp, Supplier<DataConnection> make, double timeout) {
        String host = activeHost;
        if (host != null && connection == null && connector == null) {
            DataConnection data = make.get();
            connection = data;
            ClientFactory factory = new ClientFactory() {
                @Override
                public @Nullable Protocol buildProtocol(Address peer) {
                    return data;
                }

                @Override
                public void clientConnectionFailed(Connector c, Failure reason) {
                    if (!connected.isCalled()) {
                        connected.errback(new FtpError(425, "Can't open data connection."));
                    }
                }
            };
            connector = tcp.connectTCP(host, activePort, factory, timeout > 0 ? timeout : 30, null);
            data.ready().chainDeferred(connected);
        }
        return connected;
    }

    /** The connection, if one was made. */
    @Nullable DataConnection current() {
        return connection;
    }

    /** Stops listening, and closes the connection if any. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        ListeningPort listening = port;
        if (listening != null) {
            listening.stopListening();
        }
        DataConnection data = connection;
        if (data != null && !data.lost().isCalled()) {
            try {
                data.transport().abortConnection();
            } catch (IllegalStateException e) {
                // not connected yet
            }
        }
        Connector pending = connector;
        if (pending != null && data != null && !data.ready().isCalled()) {
            pending.stopConnecting();
        }
        if (!connected.isCalled()) {
            connected.errback(new FtpError(425, "Data connection closed."));
            connected.addErrback(f -> null);
        }
    }
}
