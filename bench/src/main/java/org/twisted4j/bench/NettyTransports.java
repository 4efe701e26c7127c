package org.twisted4j.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The transport a Netty peer server runs on: NIO by default, or Netty's native epoll with {@code --epoll} as the
 * first argument, the peer of twisted4j's epoll reactor ({@code --reactor epoll} of the load scripts).
 */
final class NettyTransports {
    /** The argument that chooses epoll. */
    static final String EPOLL = "--epoll";

    private NettyTransports() {
    }

    /** Returns whether {@code args} start with {@link #EPOLL}. */
    static boolean epoll(String[] args) {
        return args.length > 0 && args[0].equals(EPOLL);
    }

    /** Returns {@code args} without a leading {@link #EPOLL}. */
    static String[] rest(String[] args) {
        return epoll(args) ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    }

    /** Returns one event loop on the chosen transport. */
    static EventLoopGroup group(boolean epoll) {
        return new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Returns the class of listening channels on the chosen transport. */
    static Class<? extends ServerChannel> serverChannel(boolean epoll) {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
