package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * The multicast controls of one {@link UdpPort}'s channel: time to live, loopback, the outgoing interface
 * and group memberships, with interfaces named by their addresses as in Twisted. Reactor thread only.
 */
final class UdpMulticast {
    private final NioReactor reactor;
    private final DatagramChannel channel;
    private final ProtocolFamily family;
    private final Map<String, MembershipKey> memberships = new HashMap<>();

    UdpMulticast(NioReactor reactor, DatagramChannel channel, ProtocolFamily family) {
        this.reactor = reactor;
        this.channel = channel;
        this.family = family;
    }

    String getOutgoingInterface() {
        NetworkInterface chosen = get(StandardSocketOptions.IP_MULTICAST_IF);
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
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, chosen);
            return null;
        });
    }

    boolean getLoopbackMode() {
        return get(StandardSocketOptions.IP_MULTICAST_LOOP);
    }

    void setLoopbackMode(boolean enabled) {
        set(StandardSocketOptions.IP_MULTICAST_LOOP, enabled);
    }

    int getTTL() {
        return get(StandardSocketOptions.IP_MULTICAST_TTL);
    }

    void setTTL(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be between 0 and 255, not " + ttl);
        }
        set(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
    }

    /** Joins ({@code join} true) or leaves a group; failures are {@link MulticastJoinError}s. */
    Deferred<@Nullable Void> join(String group, String bindInterface, boolean join) {
        String what = (join ? "joining " : "leaving ") + group + " on "
                + (bindInterface.isEmpty() ? "the default interface" : bindInterface);
        Deferred<InetAddress> groupAddress = resolve(group);
        return groupAddress.addCallbackDeferred(resolvedGroup -> {
            Deferred<Optional<InetAddress>> onInterface = bindInterface.isEmpty()
                    ? Deferred.succeed(Optional.empty()) : resolve(bindInterface).addCallback(Optional::of);
            return onInterface.addCallback(resolvedInterface -> {
                change(resolvedGroup, resolvedInterface.orElse(null), bindInterface, join);
                return (@Nullable Void) null;
            });
        }).addErrback(failure -> {
            Throwable cause = failure.value();
            throw cause instanceof MulticastJoinError error ? error : new MulticastJoinError(what + " failed: "
                    + cause.getMessage(), cause);
        });
    }

    private void change(InetAddress group, @Nullable InetAddress onInterface, String name, boolean join)
            throws IOException {
        String membership = group.getHostAddress() + "%" + name;
        if (!join) {
            MembershipKey key = memberships.remove(membership);
            if (key == null) {
                throw new MulticastJoinError("not a member of " + group.getHostAddress() + " on "
                        + (name.isEmpty() ? "the default interface" : name), null);
            }
            key.drop();
            return;
        }
        if (memberships.containsKey(membership)) {
            throw new MulticastJoinError("already a member of " + group.getHostAddress() + " on "
                    + (name.isEmpty() ? "the default interface" : name), null);
        }
        NetworkInterface chosen = onInterface == null ? defaultInterface()
                : NetworkInterface.getByInetAddress(onInterface);
        if (chosen == null) {
            throw new SocketException("no network interface has the address " + name);
        }
        memberships.put(membership, channel.join(group, chosen));
    }

    /**
     * Returns the interface joins without one use: the outgoing interface if set, else the first that is
     * up, can multicast and has an address of this port's family, else the loopback interface.
     */
    private NetworkInterface defaultInterface() throws SocketException {
        NetworkInterface chosen = get(StandardSocketOptions.IP_MULTICAST_IF);
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

    private <T> T get(SocketOption<T> option) {
        try {
            return channel.getOption(option);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + option + " of " + channel, e);
        }
    }

    private <T> void set(SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + option + " of " + channel, e);
        }
    }
}
