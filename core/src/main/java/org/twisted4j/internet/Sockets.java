package org.twisted4j.internet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Socket helpers: the JDK's socket addresses as twisted4j's {@link Address} values, and socket options. */
final class Sockets {
    private Sockets() {
    }

    /**
     * Returns {@code address} as an {@link IPv4Address} or {@link IPv6Address} of type TCP, or as a
     * {@link UNIXAddress} (with a null path for an unnamed socket).
     *
     * @throws IllegalArgumentException if it is neither an internet nor a UNIX domain socket address
     */
    static Address address(@Nullable SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            Path path = unix.getPath();
            return new UNIXAddress(path.toString().isEmpty() ? null : path);
        }
        return inet(address, AddressType.TCP);
    }

    /**
     * Returns {@code address} as an {@link IPv4Address} or {@link IPv6Address} of the given type.
     *
     * @throws IllegalArgumentException if it is not an internet socket address
     */
    static Address inet(@Nullable SocketAddress address, AddressType type) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return inet.getAddress() instanceof Inet6Address
                    ? new IPv6Address(type, host, inet.getPort())
                    : new IPv4Address(type, host, inet.getPort());
        }
        throw new IllegalArgumentException("not an internet address: " + address);
    }

    /** Returns the local address of {@code channel}. */
    static Address local(NetworkChannel channel) {
        try {
            return address(channel.getLocalAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local address of " + channel, e);
        }
    }

    /** Returns the remote address of {@code channel}. */
    static Address remote(SocketChannel channel) {
        try {
            return address(channel.getRemoteAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the remote address of " + channel, e);
        }
    }

    /**
     * Returns whether {@code host} is written as an IPv4 or IPv6 address rather than a name, so that the
     * JDK parses it without a lookup.
     */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
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

    /** Closes {@code channel} if there is one, logging a failure to. */
    static void closeQuietly(@Nullable Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                ReactorLog.warn("error closing " + channel, e);
            }
        }
    }
}
