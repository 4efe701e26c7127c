package org.twisted4j.internet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/** The multicast options of a {@link UdpPort}'s channel, through the JDK's socket options. Reactor thread only. */
final class NioMulticastOptions implements MulticastOptions {
    private final DatagramChannel channel;

    NioMulticastOptions(DatagramChannel channel) {
        this.channel = channel;
    }

    @Override
    public @Nullable NetworkInterface getInterface() throws IOException {
        return channel.getOption(StandardSocketOptions.IP_MULTICAST_IF);
    }

    @Override
    public void setInterface(NetworkInterface chosen) throws IOException {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, chosen);
    }

    @Override
    public boolean getLoopback() throws IOException {
        return channel.getOption(StandardSocketOptions.IP_MULTICAST_LOOP);
    }

    @Override
    public void setLoopback(boolean enabled) throws IOException {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, enabled);
    }

    @Override
    public int getTimeToLive() throws IOException {
        return channel.getOption(StandardSocketOptions.IP_MULTICAST_TTL);
    }

    @Override
    public void setTimeToLive(int ttl) throws IOException {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
    }

    /** Joins, or leaves by dropping the membership, which {@code join} returns for a group already joined. */
    @Override
    public Deferred<@Nullable Void> change(InetAddress group, NetworkInterface on, boolean join) {
        try {
            if (join) {
                channel.join(group, on);
            } else {
                channel.join(group, on).drop();
            }
            return Deferred.succeed(null);
        } catch (IOException | RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
