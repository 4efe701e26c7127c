package org.twisted4j.testing.protocols.portforward;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.protocols.portforward.ProxyFactory;
import org.twisted4j.protocols.portforward.ProxyServer;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class ProxyFactoryLoopbackTest {

    private static final int TOTAL = 64 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final long STALL_EVERY = 8L * 1024 * 1024;
    /** Stalls stop halfway, so at least 32 MiB remain to be held back: more than the kernels' buffers. */
    private static final int STALLS = 4;

    /** A forwarder that keeps the servers it builds, to read their numbers. */
    static final class Watched extends ProxyFactory {
        final List<ProxyServer> servers;

        Watched(NioReactor reactor, int port) {
            this(reactor, port, new ArrayList<>());
        }

        Watched(NioReactor reactor, int port, List<ProxyServer> servers) {
            super(reactor, "127.0.0.1", port);
            this.servers = servers;
        }

        @Override
        public Protocol buildProtocol(Address peer) {
            ProxyServer server = (ProxyServer) super.buildProtocol(peer);
            servers.add(server);
            return server;
        }
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    /** Writes TOTAL pseudo-random bytes as fast as its transport lets it, then closes. */
    static final class Sender extends Protocol implements PushProducer {
        final CRC32 crc = new CRC32();
        final SplittableRandom random = new SplittableRandom(7);
        final Deferred<Void> done = new Deferred<>();
        long sent;
        int pauses;
        boolean paused;

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
            resumeProducing();
        }

        @Override
        public void pauseProducing() {
            paused = true;
            pauses++;
        }

        @Override
        public void resumeProducing() {
            paused = false;
            while (!paused && sent < TOTAL) {
                byte[] chunk = new byte[CHUNK];
                random.nextBytes(chunk);
                crc.update(chunk);
                sent += CHUNK;
                transport().write(chunk);
            }
            if (sent == TOTAL && !paused) {
                transport().unregisterProducer();
                transport().loseConnection();
            }
        }

        @Override
        public void stopProducing() {
        }

        @Override
        public void connectionLost(Failure reason) {
            done.callback(null);
        }
    }

    /**
     * Reads slowly: stops reading at each STALL_EVERY bytes, and reads on only once the relay has stopped
     * reading from the sender and the sender has been paused (or has sent everything).
     */
    static final class SlowSink extends Protocol {
        final CRC32 crc = new CRC32();
        final Deferred<Long> done = new Deferred<>();
        final List<Long> inFlightAtStalls = new ArrayList<>();
        final List<Boolean> heldBackAtStalls = new ArrayList<>();
        final NioReactor reactor;
        final Sender sender;
        final List<ProxyServer> relays;
        long received;
        int stalls;

        SlowSink(NioReactor reactor, Sender sender, List<ProxyServer> relays) {
            this.reactor = reactor;
            this.sender = sender;
            this.relays = relays;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received += data.remaining();
            crc.update(data);
            if (received / STALL_EVERY > stalls && stalls < STALLS) {
                stalls++;
                transport().pauseProducing();
                reactor.callLater(0, this::readOnWhenHeldBack);
            }
        }

        private void readOnWhenHeldBack() {
            boolean heldBack = sender.paused && relays.get(0).isPausedByPeer();
            if (!heldBack && sender.sent < TOTAL) {
                reactor.callLater(0, this::readOnWhenHeldBack);
                return;
            }
            heldBackAtStalls.add(heldBack);
            inFlightAtStalls.add(sender.sent - received);
            transport().resumeProducing();
        }

        @Override
        public void connectionLost(Failure reason) {
            done.callback(received);
        }
    }

    @Test
    void sixtyFourMebibytesToASlowReaderArriveIntactWhileTheRelayStaysBounded(NioReactor reactor) throws Exception {
        List<SlowSink> sinks = new ArrayList<>();
        Sender sender = new Sender();
        List<ProxyServer> relays = new ArrayList<>();
        ListeningPort sinkPort = reactor.listenTCP(0, Factory.forProtocol(() -> {
            SlowSink sink = new SlowSink(reactor, sender, relays);
            sinks.add(sink);
            return sink;
        }), 50, "127.0.0.1");
        Watched forwarder = new Watched(reactor, port(sinkPort), relays);
        ListeningPort proxyPort = reactor.listenTCP(0, forwarder, 50, "127.0.0.1");
        reactor.connectTCP("127.0.0.1", port(proxyPort), ClientFactory.forProtocol(() -> sender));

        Coroutine.await(sender.done);
        SlowSink sink = sinks.get(0);
        long received = Coroutine.await(sink.done);
        ProxyServer server = forwarder.servers.get(0);

        assertThat(received).isEqualTo(TOTAL);
        assertThat(sink.crc.getValue()).isEqualTo(sender.crc.getValue());
        assertThat(sink.stalls).isEqualTo(STALLS);
        assertThat(sink.heldBackAtStalls).as("at every stall the relay stopped reading and the sender was paused")
                .containsExactly(true, true, true, true);
        assertThat(sink.inFlightAtStalls).as("bytes sent but not yet read at each stall: the kernels' buffers")
                .allSatisfy(inFlight -> assertThat(inFlight).isLessThan(TOTAL / 2));
        assertThat(server.pauses()).as("the relay stopped reading at each stall").isGreaterThanOrEqualTo(STALLS);
        assertThat(server.maxBytesRelayedWhilePaused()).as("at most one read past the high-water mark")
                .isLessThanOrEqualTo(NioReactor.READ_BUFFER_SIZE);
        assertThat(sender.pauses).isGreaterThanOrEqualTo(STALLS);
        Coroutine.await(proxyPort.stopListening());
        Coroutine.await(sinkPort.stopListening());
    }

    /** Echoes what it receives. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            transport().write(copy);
        }
    }

    /** Sends one message, waits for all of it to come back, closes. */
    static final class EchoClient extends Protocol {
        final String message;
        final StringBuilder echoed = new StringBuilder();
        final Deferred<String> done = new Deferred<>();

        EchoClient(String message) {
            this.message = message;
        }

        @Override
        public void connectionMade() {
            transport().write(message.getBytes(ISO_8859_1));
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            echoed.append(new String(copy, ISO_8859_1));
            if (echoed.length() >= message.length()) {
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            done.callback(echoed.toString());
        }
    }

    @Test
    void fiveHundredConcurrentConnectionsThroughTheForwarderEachGetTheirOwnEcho(NioReactor reactor) throws Exception {
        ListeningPort echoPort = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 512, "127.0.0.1");
        Watched forwarder = new Watched(reactor, port(echoPort));
        ListeningPort proxyPort = reactor.listenTCP(0, forwarder, 512, "127.0.0.1");
        List<Deferred<String>> echoes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String message = ("client " + i + " ").repeat(200);
            EchoClient client = new EchoClient(message);
            messages.add(message);
            echoes.add(client.done);
            reactor.connectTCP("127.0.0.1", port(proxyPort), ClientFactory.forProtocol(() -> client));
        }
        List<String> results = Coroutine.await(Deferred.gatherResults(echoes));
        assertThat(results).isEqualTo(messages);
        assertThat(forwarder.servers).hasSize(500);
        Coroutine.await(proxyPort.stopListening());
        Coroutine.await(echoPort.stopListening());
    }

    @Test
    void unreachableDestinationClosesTheIncomingConnection(NioReactor reactor) throws Exception {
        ListeningPort closed = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
        int deadPort = port(closed);
        Coroutine.await(closed.stopListening());
        ListeningPort proxyPort = reactor.listenTCP(0, new ProxyFactory(reactor, "127.0.0.1", deadPort), 50, "127.0.0.1");
        EchoClient client = new EchoClient("anyone there?");
        List<Failure> lost = new ArrayList<>();
        client.done.addCallback(text -> {
            lost.add(new Failure(new ConnectionDone()));
            return text;
        });
        reactor.connectTCP("127.0.0.1", port(proxyPort), ClientFactory.forProtocol(() -> client));
        assertThat(Coroutine.await(client.done)).isEmpty();
        assertThat(lost).hasSize(1);
        Coroutine.await(proxyPort.stopListening());
    }
}
