package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.internet.TcpSupport.ascii;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpPortTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    /** Records each datagram as "text from host:port", its start and stop, and refusals. */
    static class Datagrams extends DatagramProtocol {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> refused = new CompletableFuture<>();

        @Override
        public void startProtocol() {
            events.add("start");
        }

        @Override
        public void stopProtocol() {
            events.add("stop");
        }

        @Override
        public void datagramReceived(ByteBuffer data, Address sender) {
            IPv4Address from = (IPv4Address) sender;
            received.add(StandardCharsets.UTF_8.decode(data) + " from " + from.type() + " " + from.host() + ":"
                    + from.port());
        }

        @Override
        public void connectionRefused() {
            events.add("refused");
            refused.complete(null);
        }

        String next() throws InterruptedException {
            String datagram = received.poll(T, TimeUnit.SECONDS);
            assertThat(datagram).as("a datagram arrived").isNotNull();
            return datagram;
        }
    }

    /** Sends back a copy of each datagram to its sender. */
    static final class Echo extends DatagramProtocol {
        @Override
        public void datagramReceived(ByteBuffer data, Address sender) {
            transport().write(ByteBuffer.wrap(TcpSupport.copy(data)), sender);
        }
    }

    private ListeningPort listen(DatagramProtocol protocol) throws Exception {
        return listen(protocol, ReactorUDP.DEFAULT_MAX_PACKET_SIZE);
    }

    private ListeningPort listen(DatagramProtocol protocol, int maxPacketSize) throws Exception {
        return running.call(() -> running.reactor.listenUDP(0, protocol, "127.0.0.1", maxPacketSize));
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(T));
        return socket;
    }

    private static void send(DatagramSocket from, String text, int port) throws IOException {
        byte[] bytes = ascii(text);
        from.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }

    private static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void datagramIsEchoedBackToItsSender() throws Exception {
        ListeningPort port = listen(new Echo());
        try (DatagramSocket client = socket()) {
            send(client, "hello", TcpSupport.port(port));
            assertThat(receive(client)).isEqualTo("hello");
            send(client, "again", TcpSupport.port(port));
            assertThat(receive(client)).isEqualTo("again");
        }
    }

    @Test
    void protocolSeesTheSendersUdpAddressAndThePortItsOwn() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        assertThat(port.getHost()).isEqualTo(new IPv4Address(AddressType.UDP, "127.0.0.1", TcpSupport.port(port)));
        assertThat(running.<Object>call(() -> protocol.transport())).isSameAs(port);
        try (DatagramSocket client = socket()) {
            send(client, "hi", TcpSupport.port(port));
            assertThat(protocol.next()).isEqualTo("hi from UDP 127.0.0.1:" + client.getLocalPort());
        }
        assertThat(protocol.events).containsExactly("start");
    }

    @Test
    void datagramLongerThanMaxPacketSizeIsCutAndTheRestDropped() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol, 4);
        try (DatagramSocket client = socket()) {
            send(client, "abcdefgh", TcpSupport.port(port));
            send(client, "xy", TcpSupport.port(port));
            assertThat(protocol.next()).startsWith("abcd from");
            assertThat(protocol.next()).startsWith("xy from");
        }
    }

    @Test
    void maxPacketSizeAboveTheSharedReadBufferReadsWholeDatagrams() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol, NioReactor.READ_BUFFER_SIZE + 1000);
        String big = "x".repeat(NioReactor.READ_BUFFER_SIZE + 10 - 28 - 100);
        try (DatagramSocket client = socket()) {
            client.setSendBufferSize(128 * 1024);
            send(client, big, TcpSupport.port(port));
            assertThat(protocol.next()).startsWith(big + " from");
        }
    }

    @Test
    void connectedPortReceivesOnlyFromItsPeerAndWritesToItWithoutAddress() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        DatagramTransport transport = (DatagramTransport) port;
        try (DatagramSocket peer = socket(); DatagramSocket stranger = socket()) {
            running.run(() -> transport.connect("127.0.0.1", peer.getLocalPort()));
            send(stranger, "from the stranger", TcpSupport.port(port));
            send(peer, "first", TcpSupport.port(port));
            send(peer, "second", TcpSupport.port(port));
            assertThat(protocol.next()).startsWith("first from");
            assertThat(protocol.next()).startsWith("second from");
            running.run(() -> transport.write(ByteBuffer.wrap(ascii("to the peer"))));
            assertThat(receive(peer)).isEqualTo("to the peer");
        }
        assertThat(protocol.received).isEmpty();
        assertThatThrownBy(() -> running.run(() -> transport.write(ByteBuffer.wrap(ascii("x")),
                new IPv4Address(AddressType.UDP, "127.0.0.1", 9)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> running.run(() -> transport.connect("127.0.0.1", 9)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectedPortIsToldWhenItsPeerRefuses() throws Exception {
        Assumptions.assumeFalse(running.reactor.backendName().equals("io_uring"), "skipped: Netty 4.2's io_uring"
                + " transport does not report the ICMP refusal of a connected UDP socket to its reads");
        int closed;
        try (DatagramSocket gone = socket()) {
            closed = gone.getLocalPort();
        }
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        DatagramTransport transport = (DatagramTransport) port;
        running.run(() -> {
            transport.connect("127.0.0.1", closed);
            transport.write(ByteBuffer.wrap(ascii("anyone there?")));
        });
        protocol.refused.get(T, TimeUnit.SECONDS);
        assertThat(protocol.events).containsExactly("start", "refused");
    }

    @Test
    void writeToANameOrWithoutConnectingIsRefused() throws Exception {
        ListeningPort port = listen(new Datagrams());
        DatagramTransport transport = (DatagramTransport) port;
        assertThatThrownBy(() -> running.run(() -> transport.write(ByteBuffer.wrap(ascii("x")),
                new IPv4Address(AddressType.UDP, "localhost", 9)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> running.run(() -> transport.connect("localhost", 9)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> running.run(() -> transport.write(ByteBuffer.wrap(ascii("x")))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void datagramTooLongToSendIsAMessageLengthError() throws Exception {
        ListeningPort port = listen(new Datagrams());
        DatagramTransport transport = (DatagramTransport) port;
        assertThatThrownBy(() -> running.run(() -> transport.write(ByteBuffer.allocate(70_000),
                new IPv4Address(AddressType.UDP, "127.0.0.1", 9)))).isInstanceOf(MessageLengthError.class);
    }

    @Test
    void stopListeningStopsTheProtocolThenClosesAndFreesThePort() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        int number = TcpSupport.port(port);
        List<String> atFiring = running.call(() -> port.stopListening().addCallback(ignored -> {
            List<String> seen = List.copyOf(protocol.events);
            return seen;
        }));
        assertThat(atFiring).containsExactly("start", "stop");
        try (DatagramSocket again = new DatagramSocket(number, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(number);
        }
        assertThat(running.<Object>call(port::stopListening)).isNull();
        assertThat(protocol.events).containsExactly("start", "stop");
    }

    @Test
    void portListensAgainAfterStopping() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        running.call(port::stopListening);
        running.run(port::startListening);
        try (DatagramSocket client = socket()) {
            send(client, "back", TcpSupport.port(port));
            assertThat(protocol.next()).startsWith("back from");
        }
        assertThat(protocol.events).containsExactly("start", "stop", "start");
    }

    @Test
    void portInUseCannotListen() throws Exception {
        try (DatagramSocket taken = socket()) {
            assertThatThrownBy(() -> running.call(() -> running.reactor.listenUDP(taken.getLocalPort(),
                    new Datagrams(), "127.0.0.1", 100))).isInstanceOf(CannotListenError.class);
        }
    }

    @Test
    void reactorShutdownStopsTheProtocolAndClosesThePort() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        int number = TcpSupport.port(port);
        running.close();
        assertThat(protocol.events).containsExactly("start", "stop");
        try (DatagramSocket again = new DatagramSocket(number, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(number);
        }
    }

    @Test
    void reactorShutdownFinishesAStopUnderWay() throws Exception {
        Datagrams protocol = new Datagrams();
        ListeningPort port = listen(protocol);
        running.run(() -> {
            port.stopListening();
            running.reactor.stop();
        });
        running.close();
        assertThat(protocol.events).containsExactly("start", "stop");
    }
}
