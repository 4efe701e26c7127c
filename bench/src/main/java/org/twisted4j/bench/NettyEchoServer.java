package org.twisted4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The peer of the TCP echo load run: a Netty NIO server that writes back every byte it reads, on one event
 * loop thread (accepting and serving alike), as twisted4j's reactor serves everything from one thread.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.NettyEchoServer PORT} binds {@code 127.0.0.1:PORT}
 * (0 picks a free port), prints {@code listening on PORT} once bound and serves until killed. Netty's
 * defaults are kept otherwise (pooled buffers, adaptive read sizes, {@code TCP_NODELAY} on accepted
 * connections), so the figures are what a plain Netty user gets.
 */
public final class NettyEchoServer {

    private NettyEchoServer() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args one argument, the port to listen on (0 for any free one)
     * @throws InterruptedException if the main thread is interrupted while binding or serving
     * @throws NumberFormatException if the port is not a number
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: NettyEchoServer PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new EchoHandler())
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .sync()
                    .channel();
            System.out.println("listening on " + ((InetSocketAddress) server.localAddress()).getPort());
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Writes each buffer read straight back, and flushes once per read burst rather than per buffer. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
