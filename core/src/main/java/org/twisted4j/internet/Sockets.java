package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/** Socket helpers: the JDK's socket addresses as twisted4j's {@link Address} values, and socket options. */
final class Sockets {
    private Sockets() {
    }

    /**
     * Returns {@code address} as an {@link IPv4Address} or {@link IPv6Address} of type TCP.
     *
     * @throws IllegalArgumentException if it is not an internet socket address
     */
    static Address tcp(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return inet.getAddress() instanceof Inet6Address
                    ? new IPv6Address(AddressType.TCP, host, inet.getPort())
                    : new IPv4Address(AddressType.TCP, host, inet.getPort());
        }
        throw new IllegalArgumentException("not an internet address: " + address);
    }

    /** Returns the local address of {@code channel}. */
    static Address local(NetworkChannel channel) {
        try {
            return tcp(channel.getLocalAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local address of " + channel, e);
        }
    }

    /** Returns the remote address of {@code channel}. */
    static Address remote(SocketChannel channel) {
        try {
            return tcp(channel.getRemoteAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the remote address of " + channel, e);
        }
    }

    /** Returns the value of a boolean option of {@code channel}. */
    static boolean option(NetworkChannel channel, SocketOption<Boolean> option) {
        try {
            return channel.getOption(option);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + option + " of " + channel, e);
        }
    }

    /** Sets a boolean option of {@code channel}. */
    static void setOption(NetworkChannel channel, SocketOption<Boolean> option, boolean enabled) {
        try {
            channel.setOption(option, enabled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + option + " of " + channel, e);
        }
    }
}
