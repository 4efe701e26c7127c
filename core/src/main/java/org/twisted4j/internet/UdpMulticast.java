package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * The multicast controls of one {@link AbstractUdpPort}'s socket, on any backend: time to live, loopback, the
 * outgoing interface and group memberships, with interfaces named by their addresses as in Twisted. Reactor
 * thread only.
 */
final class UdpMulticast {
    private final ReactorThreads reactor;
    private final MulticastOptions socket;
    private final ProtocolFamily family;
    /** The memberships held, as the group's address and the interface as given, {@code GROUP%INTERFACE}. */
    private final Set<String> memberships = new HashSet<>();

    UdpMulticast(ReactorThreads reactor, MulticastOptions socket, ProtocolFamily family) {
        this.reactor = reactor;
        this.socket = socket;
        this.family = family;
    }

    String getOutgoingInterface() {
        NetworkInterface chosen = get(MulticastOptions::getInterface);
        if (chosen != null) {
            for (InetAddress address : chosen.inetAddresses().toList()) {
                if (fits(address)) {
                    return address.getHostAddress();
                }
            }
        }
        return family == StandardProtocolFamily.INET ? "0.0.0.0" : "::";
    }

    Deferred<@Nullable Void> setOutgoingInterface(String address) {
        return resolve(address).addCallback(resolved -> {
            NetworkInterface chosen = NetworkInterface.getByInetAddress(resolved);
            if (chosen == null) {
                throw new SocketException("no network interface has the address " + address);
            }
            socket.setInterface(chosen);
            return null;
        });
    }

    boolean getLoopbackMode() {
        return get(MulticastOptions::getLoopback);
    }

    void setLoopbackMode(boolean enabled) {
        set(open -> open.setLoopback(enabled));
    }

    int getTTL() {
        return get(MulticastOptions::getTimeToLive);
    }

    void setTTL(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be between 0 and 255, not " + ttl);
        }
        set(open -> open.setTimeToLive(ttl));
    }

    /** Joins ({@code join} true) or leaves a group; failures are {@link MulticastJoinError}s. */
    Deferred<@Nullable Void> join(String group, String bindInterface, boolean join) {
        String what = (join ? "joining " : "leaving ") + group + " on "
                + (bindInterface.isEmpty() ? "the default interface" : bindInterface);
        Deferred<InetAddress> groupAddress = resolve(group);
        return groupAddress.addCallbackDeferred(resolvedGroup -> {
            Deferred<Optional<InetAddress>> onInterface = bindInterface.isEmpty()
                    ? Deferred.succeed(Optional.empty()) : resolve(bindInterface).addCallback(Optional::of);
            return onInterface.addCallbackDeferred(resolvedInterface ->
                    change(resolvedGroup, resolvedInterface.orElse(null), bindInterface, join));
        }).addErrback(failure -> {
            Throwable cause = failure.value();
            throw cause instanceof MulticastJoinError error ? error : new MulticastJoinError(what + " failed: "
                    + cause.getMessage(), cause);
        });
    }

    private Deferred<@Nullable Void> change(InetAddress group, @Nullable InetAddress onInterface, String name,
            boolean join) throws IOException {
        String membership = group.getHostAddress() + "%" + name;
        String where = group.getHostAddress() + " on " + (name.isEmpty() ? "the default interface" : name);
        if (memberships.contains(membership) != !join) {
            throw new MulticastJoinError((join ? "already a member of " : "not a member of ") + where, null);
        }
        NetworkInterface chosen = onInterface == null ? defaultInterface()
                : NetworkInterface.getByInetAddress(onInterface);
        if (chosen == null) {
            throw new SocketException("no network interface has the address " + name);
        }
        if (!join) {
            memberships.remove(membership); // left at once, whatever the socket answers
        }
        return socket.change(group, chosen, join).addCallback(done -> {
            if (join) {
                memberships.add(membership);
            }
            return done;
        });
    }

    /**
     * Returns the interface joins without one use: the outgoing interface if set, else the first that is
     * up, can multicast and has an address of this port's family, else the loopback interface.
     */
    private NetworkInterface defaultInterface() throws IOException {
        NetworkInterface chosen = socket.getInterface();
        if (chosen != null) {
            return chosen;
        }
        NetworkInterface loopback = null;
        for (NetworkInterface candidate : NetworkInterface.networkInterfaces().toList()) {
            if (!candidate.isUp() || candidate.inetAddresses().noneMatch(this::fits)) {
                continue;
            }
            if (candidate.isLoopback()) {
                loopback = loopback == null ? candidate : loopback;
            } else if (candidate.supportsMulticast()) {
                return candidate;
            }
        }
        if (loopback == null) {
            throw new SocketException("no network interface can take part in multicast");
        }
        return loopback;
    }

    private boolean fits(InetAddress address) {
        return family != StandardProtocolFamily.INET || address instanceof Inet4Address;
    }

    /** Resolves a literal now and a name on a worker thread. */
    private Deferred<InetAddress> resolve(String host) {
        if (Sockets.isLiteral(host)) {
            try {
                return Deferred.succeed(InetAddress.getByName(host));
            } catch (IOException e) {
                return Deferred.fail(e);
            }
        }
        return reactor.deferToThread(() -> InetAddress.getByName(host));
    }

    /** Reads an option of the socket. */
    private <T> T get(Option<T> option) {
        try {
            return option.read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a multicast option of " + socket, e);
        }
    }

    /** Sets an option of the socket. */
    private void set(Setting setting) {
        try {
            setting.apply(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set a multicast option of " + socket, e);
        }
    }

    /** Reads one option. */
    private interface Option<T> {
        T read(MulticastOptions socket) throws IOException;
    }

    /** Sets one option. */
    private interface Setting {
        void apply(MulticastOptions socket) throws IOException;
    }
}
