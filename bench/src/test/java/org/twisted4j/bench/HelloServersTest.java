package org.twisted4j.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NioReactor;

class HelloServersTest {

    @Test
    void nettyHelloServerAnswersHelloWorldWithItsLength() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = NettyHttpHelloServer.start(group, 0);
            String response = get(((InetSocketAddress) server.localAddress()).getPort());
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("content-length: 13\r\n")
                    .containsIgnoringCase("content-type: text/plain\r\n").endsWith("\r\n\r\nHello, World!");
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void webHelloServerAnswersHelloWorldWithItsLength() throws Exception {
        NioReactor reactor = new NioReactor();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        reactor.callWhenRunning(() -> port.complete(
                ((IPv4Address) reactor.listenTCP(0, WebHelloServer.site(reactor), 50, "127.0.0.1").getHost()).port()));
        Thread thread = new Thread(() -> reactor.run(), "reactor");
        thread.start();
        try {
            String response = get(port.get(10, TimeUnit.SECONDS));
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 13\r\n")
                    .contains("Content-Type: text/plain\r\n").endsWith("\r\n\r\nHello, World!");
        } finally {
            reactor.callFromThread(reactor::stop);
            thread.join(10_000);
        }
    }

    /** Sends one GET that closes the connection and returns everything answered until the close. */
    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(US_ASCII);
        }
    }
}
