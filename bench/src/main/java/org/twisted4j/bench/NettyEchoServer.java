package org.twisted4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/**
 * The peer of the TCP echo load run: a Netty NIO server that writes back every byte it reads, on one event
 * loop thread (accepting and serving alike), as twisted4j's reactor serves everything from one thread.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.NettyEchoServer [--epoll] [--tls CERT_PEM KEY_PEM] PORT} binds
 * {@code 127.0.0.1:PORT} (0 picks a free port), prints {@code listening on PORT} once bound and serves until
 * killed. Netty's defaults are kept otherwise (pooled buffers, adaptive read sizes, {@code TCP_NODELAY} on
 * accepted connections), so the figures are what a plain Netty user gets.
 *
 * <p>With {@code --tls}, every connection is TLS 1.3 through an {@link SslHandler} on the JDK's own
 * {@code SSLEngine} ({@link SslProvider#JDK}, as twisted4j uses), with the certificate chain and PKCS#8 key
 * in the given PEM files and the JDK's default cipher suites.
 */
public final class NettyEchoServer {

    private NettyEchoServer() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the port to listen on (0 for any free one), after {@code --tls CERT_PEM KEY_PEM} for TLS, after
     *     {@code --epoll} for Netty's native epoll transport instead of NIO
     * @throws InterruptedException if the main thread is interrupted while binding or serving
     * @throws NumberFormatException if the port is not a number
     * @throws SSLException if the certificate or key cannot be loaded
     */
    public static void main(String[] args) throws InterruptedException, SSLException {
        boolean epoll = NettyTransports.epoll(args);
        args = NettyTransports.rest(args);
        boolean tls = args.length == 4 && args[0].equals("--tls");
        if (args.length != 1 && !tls) {
            System.err.println("Usage: NettyEchoServer [--epoll] [--tls CERT_PEM KEY_PEM] PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[args.length - 1]);
        ChannelHandler handler = new EchoHandler();
        if (tls) {
            SslContext context = SslContextBuilder.forServer(new File(args[1]), new File(args[2]))
                    .sslProvider(SslProvider.JDK).protocols("TLSv1.3").build();
            handler = new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(context.newHandler(channel.alloc()), new EchoHandler());
                }
            };
        }
        EventLoopGroup group = NettyTransports.group(epoll);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NettyTransports.serverChannel(epoll))
                    .childHandler(handler)
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
