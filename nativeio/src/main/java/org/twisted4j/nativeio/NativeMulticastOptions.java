package org.twisted4j.nativeio;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.MulticastOptions;

/**
 * The multicast options of a {@link NativeUdpPort}'s channel, through Netty's channel options; a join or leave
 * asked before the loop runs waits for the channel's registration, since Netty changes memberships on the loop.
 * Reactor thread only.
 */
final class NativeMulticastOptions implements MulticastOptions {
    /**
     * The time to live of multicast datagrams, as Linux names it for IPv4 and IPv6: Netty's
     * {@code IP_MULTICAST_TTL} option sets the time to live of every datagram ({@code IP_TTL}) on its native
     * transports, so the socket option is set by its number.
     */
    private static final IntegerUnixChannelOption IPV4_TTL = new IntegerUnixChannelOption("IP_MULTICAST_TTL", 0, 33);
    private static final IntegerUnixChannelOption IPV6_HOPS =
            new IntegerUnixChannelOption("IPV6_MULTICAST_HOPS", 41, 18);

    private final NativeReactor reactor;
    private final DatagramChannel channel;
    private final ChannelFuture registered;

    NativeMulticastOptions(NativeReactor reactor, DatagramChannel channel, ChannelFuture registered) {
        this.reactor = reactor;
        this.channel = channel;
        this.registered = registered;
    }

    @Override
    public @Nullable NetworkInterface getInterface() {
        return channel.config().getOption(ChannelOption.IP_MULTICAST_IF);
    }

    @Override
    public void setInterface(NetworkInterface chosen) {
        channel.config().setOption(ChannelOption.IP_MULTICAST_IF, chosen);
    }

    @Override
    public boolean getLoopback() {
        return !channel.config().getOption(ChannelOption.IP_MULTICAST_LOOP_DISABLED);
    }

    @Override
    public void setLoopback(boolean enabled) {
        channel.config().setOption(ChannelOption.IP_MULTICAST_LOOP_DISABLED, !enabled);
    }

    @Override
    public int getTimeToLive() {
        return channel.config().getOption(ttlOption());
    }

    @Override
    public void setTimeToLive(int ttl) {
        channel.config().setOption(ttlOption(), ttl);
    }

    private IntegerUnixChannelOption ttlOption() {
        return channel.localAddress().getAddress() instanceof Inet6Address ? IPV6_HOPS : IPV4_TTL;
    }

    @Override
    public Deferred<@Nullable Void> change(InetAddress group, NetworkInterface on, boolean join) {
        Deferred<@Nullable Void> changed = new Deferred<>();
        registered.addListener(registration -> {
            if (!registration.isSuccess() || !channel.isOpen()) {
                reactor.turn(() -> changed.errback(new IOException("the port's socket is closed")));
                return;
            }
            ChannelFuture done;
            try {
                done = join ? channel.joinGroup(group, on, null) : channel.leaveGroup(group, on, null);
            } catch (RuntimeException refused) { // Netty checks some arguments before it asks the kernel
                reactor.turn(() -> changed.errback(refused));
                return;
            }
            done.addListener(outcome -> reactor.turn(() -> {
                Throwable cause = outcome.cause();
                if (cause == null) {
                    changed.callback(null);
                } else {
                    changed.errback(cause);
                }
            }));
        });
        return changed;
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
