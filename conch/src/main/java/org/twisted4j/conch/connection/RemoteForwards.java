package org.twisted4j.conch.connection;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;

/**
 * The client's side of remote forwarding (RFC 4254 section 7.1, OpenSSH's {@code ssh -R}) and of global requests
 * with replies: {@code tcpip-forward} asks the server to listen, each connection it accepts arrives as a
 * {@code forwarded-tcpip} channel run by a protocol from the factory given for that address and port, and
 * {@code cancel-tcpip-forward} stops it.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class RemoteForwards {
    private final SshConnection connection;
    private final ArrayDeque<Pending> replies = new ArrayDeque<>();
    private final Map<String, Factory> factories = new HashMap<>();

    private record Pending(String name, Deferred<SshWire> reply) {
    }

    RemoteForwards(SshConnection connection) {
        this.connection = connection;
    }

    /** Sends a global request that wants a reply; fires with the reply's data, or fails if refused. */
    Deferred<SshWire> send(String name, byte[] data) {
        if (connection.isStopped()) {
            return Deferred.fail(new ConnectionLost("the SSH connection has ended"));
        }
        Deferred<SshWire> reply = new Deferred<>();
        replies.add(new Pending(name, reply));
        connection.transport().sendPacket(new SshWireWriter().byteValue(SshConnection.MSG_GLOBAL_REQUEST).name(name)
                .bool(true).raw(data).toByteArray());
        return reply;
    }

    /** A reply to the oldest global request waiting; one with none waiting is ignored. */
    void replied(boolean success, SshWire data) {
        Pending pending = replies.poll();
        if (pending != null) {
            if (success) {
                pending.reply().callback(data);
            } else {
                pending.reply().errback(new GlobalRequestRefused(pending.name()));
            }
        }
    }

    Deferred<Integer> listen(String address, int port, Factory factory) {
        return send("tcpip-forward", new SshWireWriter().utf8(address).uint32(port).toByteArray()).addCallback(
                data -> {
                    int bound = port == 0 ? (int) data.uint32() : port;
                    factories.put(address + ":" + bound, factory);
                    factory.doStart();
                    return bound;
                });
    }

    Deferred<Void> cancel(String address, int port) {
        return send("cancel-tcpip-forward", new SshWireWriter().utf8(address).uint32(port).toByteArray())
                .addCallback(data -> {
                    Factory factory = factories.remove(address + ":" + port);
                    if (factory != null) {
                        factory.doStop();
                    }
                    return null;
                });
    }

    /** The channel for a {@code forwarded-tcpip} open, or null when no forward asked for that address and port. */
    @Nullable SshChannel opened(SshWire in) {
        String address = in.utf8();
        int port = (int) in.uint32();
        String originator = in.utf8();
        int originatorPort = (int) in.uint32();
        Factory factory = factories.get(address + ":" + port);
        if (factory == null) {
            return null;
        }
        Protocol protocol = factory.buildProtocol(new IPv4Address(AddressType.TCP, originator,
                originatorPort));
        return protocol == null ? null : CommandChannel.forwarded(address + ":" + port, protocol);
    }

    /** Fails the requests still waiting and stops the factories, once the connection has ended. */
    void stopped() {
        for (Pending pending : replies) {
            pending.reply().errback(new ConnectionLost("the SSH connection ended before the server answered "
                    + pending.name()));
        }
        replies.clear();
        for (Factory factory : factories.values()) {
            factory.doStop();
        }
        factories.clear();
    }
}
