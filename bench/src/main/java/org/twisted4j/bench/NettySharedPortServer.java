package org.twisted4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ways of serving one port from N event loops, on the same server code (Netty's NIO transport and
 * {@link NettyHttpHelloServer}'s hello handler), to choose between them for {@code ReactorGroup}:
 * <ul>
 *   <li>{@code round-robin}: one group of N loops is both parent and child group, so one of the loops
 *       accepts every connection and hands each to the next loop in turn (itself included);</li>
 *   <li>{@code reuseport}: N groups of one loop, each binding its own socket to the port with
 *       {@code SO_REUSEPORT}, so each loop accepts its own share of the connections.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.NettySharedPortServer PORT round-robin|reuseport N} binds
 * {@code 127.0.0.1:PORT}, prints {@code listening on PORT} and serves until killed.
 */
public final class NettySharedPortServer {

    private NettySharedPortServer() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the port, the mode and the number of event loops
     * @throws InterruptedException if the main thread is interrupted while binding or serving
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 || !List.of("round-robin", "reuseport").contains(args[1])) {
            System.err.println("Usage: NettySharedPortServer PORT round-robin|reuseport N");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int loops = Integer.parseInt(args[2]);
        List<EventLoopGroup> groups = new ArrayList<>();
        List<Channel> servers = new ArrayList<>();
        try {
            if (args[1].equals("round-robin")) {
                EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
                groups.add(group);
                servers.add(bootstrap(group).bind(address(port)).sync().channel());
            } else {
                for (int i = 0; i < loops; i++) {
                    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
                    groups.add(group);
                    servers.add(bootstrap(group)
                            .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                            .bind(address(port)).sync().channel());
                }
            }
            System.out.println("listening on " + port);
            servers.get(0).closeFuture().sync();
        } finally {
            groups.forEach(EventLoopGroup::shutdownGracefully);
        }
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static ServerBootstrap bootstrap(EventLoopGroup group) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new NettyHttpHelloServer.HelloHandler());
                    }
                });
    }
}
