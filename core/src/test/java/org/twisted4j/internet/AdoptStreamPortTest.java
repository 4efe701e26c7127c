package org.twisted4j.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NioReactor#adoptStreamPort}: sockets bound elsewhere, TCP and UNIX, served by the reactor. */
class AdoptStreamPortTest {

    @TempDir
    Path dir;

    private RunningReactor<NioReactor> running;

    @BeforeEach
    void start() {
        running = RunningReactor.nio();
    }

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    /** Writes back a copy of whatever arrives. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            transport().write(copy);
        }
    }

    private static String echoOnce(SocketChannel client) throws Exception {
        try (client) {
            client.write(ByteBuffer.wrap("adopted\n".getBytes(US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(8);
            while (reply.hasRemaining() && client.read(reply) >= 0) {
                // until the whole echo is back
            }
            return new String(reply.array(), 0, reply.position(), US_ASCII);
        }
    }

    @Test
    void adoptedTcpSocketServesConnectionsAndClosesForGood() throws Exception {
        ServerSocketChannel bound = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress address = (InetSocketAddress) bound.getLocalAddress();
        ListeningPort port = running.call(() -> running.reactor.adoptStreamPort(bound,
                Factory.forProtocol(Echo::new)));

        Address host = running.call(port::getHost);
        assertThat(host).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", address.getPort()));
        assertThat(echoOnce(SocketChannel.open(address))).isEqualTo("adopted\n");
        running.call(port::stopListening);
        assertThat(bound.isOpen()).isFalse();
        assertThatThrownBy(() -> running.run(port::startListening)).isInstanceOf(CannotListenError.class)
                .hasMessageContaining("cannot listen again");
    }

    @Test
    void adoptedUnixSocketServesConnections() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("adopted.sock"));
        ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
        ListeningPort port = running.call(() -> running.reactor.adoptStreamPort(bound,
                Factory.forProtocol(Echo::new)));

        assertThat(echoOnce(SocketChannel.open(address))).isEqualTo("adopted\n");
        running.call(port::stopListening);
    }

    @Test
    void unboundSocketCannotBeAdopted() throws Exception {
        ServerSocketChannel unbound = ServerSocketChannel.open();
        assertThatThrownBy(() -> running.call(() -> running.reactor.adoptStreamPort(unbound, new Factory())))
                .isInstanceOf(CannotListenError.class).hasMessageContaining("not bound");
        unbound.close();
    }
}
