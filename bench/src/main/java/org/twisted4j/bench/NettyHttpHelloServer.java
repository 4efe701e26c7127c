package org.twisted4j.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The Netty peer of the HTTP load run: {@link HttpServerCodec} and a handler answering every request with
 * {@code Hello, World!} as {@code text/plain} with a Content-Length, keeping the connection alive unless the
 * client asks otherwise; one NIO event loop thread accepts and serves, as twisted4j's reactor does. Writes
 * are flushed once per read burst, as Netty's own hello-world example does.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.NettyHttpHelloServer PORT} binds {@code 127.0.0.1:PORT}
 * (0 picks a free port), prints {@code listening on PORT} once bound and serves until killed.
 */
public final class NettyHttpHelloServer {

    static final byte[] HELLO = "Hello, World!".getBytes(US_ASCII);

    private NettyHttpHelloServer() {
    }

    /**
     * Serves until the process is killed.
     *
     * @param args the port to listen on (0 for any free one), after {@code --epoll} for Netty's native epoll
     *     transport instead of NIO
     * @throws InterruptedException if the main thread is interrupted while binding or serving
     * @throws NumberFormatException if the port is not a number
     */
    public static void main(String[] args) throws InterruptedException {
        boolean epoll = NettyTransports.epoll(args);
        args = NettyTransports.rest(args);
        if (args.length != 1) {
            System.err.println("Usage: NettyHttpHelloServer [--epoll] PORT");
            System.exit(2);
        }
        EventLoopGroup group = NettyTransports.group(epoll);
        try {
            Channel server = start(group, Integer.parseInt(args[0]), epoll);
            System.out.println("listening on " + ((InetSocketAddress) server.localAddress()).getPort());
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Binds 127.0.0.1:{@code port} on {@code group}, a NIO one; returns the listening channel. */
    static Channel start(EventLoopGroup group, int port) throws InterruptedException {
        return start(group, port, false);
    }

    /** Binds 127.0.0.1:{@code port} on {@code group}, an epoll one if {@code epoll}; returns the listening channel. */
    static Channel start(EventLoopGroup group, int port, boolean epoll) throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NettyTransports.serverChannel(epoll))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HelloHandler());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .sync()
                .channel();
    }

    /** Answers each request head; the request's content parts, if any, are ignored. */
    static final class HelloHandler extends SimpleChannelInboundHandler<HttpObject> {

        private static final ByteBuf BODY = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(HELLO).asReadOnly());

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest request)) {
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    BODY.duplicate());
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, HELLO.length);
            if (keepAlive) {
                if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                }
                ctx.write(response, ctx.voidPromise());
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
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
