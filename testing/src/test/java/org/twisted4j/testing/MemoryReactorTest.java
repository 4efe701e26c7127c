package org.twisted4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.DatagramProtocol;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorAlreadyRunning;
import org.twisted4j.internet.ReactorCore.Phase;
import org.twisted4j.internet.ReactorCore.TriggerId;
import org.twisted4j.internet.ReactorNotRunning;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.UserError;

class MemoryReactorTest {

    private static final class Plain extends Protocol {
    }

    /** Records start and stop. */
    private static final class CountingFactory extends ClientFactory {
        final List<String> events = new ArrayList<>();

        CountingFactory() {
            super(Plain::new);
        }

        @Override
        protected void startFactory() {
            events.add("start");
        }

        @Override
        protected void stopFactory() {
            events.add("stop");
        }

        @Override
        public void startedConnecting(Connector connector) {
            events.add("connecting to " + connector.getDestination());
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            events.add("failed: " + reason.type().getSimpleName());
        }
    }

    /** Records start and stop and the datagrams it receives. */
    private static final class Datagrams extends DatagramProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void startProtocol() {
            events.add("start");
        }

        @Override
        public void stopProtocol() {
            events.add("stop");
        }

        @Override
        public void datagramReceived(ByteBuffer data, org.twisted4j.internet.Address sender) {
            transport().write(data.duplicate(), sender);
        }
    }

    // Run and stop.

    @Test
    void runFiresStartupPhasesInOrderAndCallWhenRunningAfterThem() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        reactor.callWhenRunning(() -> events.add("when running, running=" + reactor.isRunning()));
        reactor.addSystemEventTrigger(Phase.AFTER, MemoryReactor.STARTUP, () -> events.add("after"));
        reactor.addSystemEventTrigger(Phase.DURING, MemoryReactor.STARTUP, () -> events.add("during"));
        reactor.addSystemEventTrigger(Phase.BEFORE, MemoryReactor.STARTUP,
                () -> events.add("before, running=" + reactor.isRunning()));

        reactor.run();

        assertThat(events).containsExactly("before, running=false", "during", "when running, running=true", "after");
        assertThat(reactor.isRunning()).isTrue();
        assertThat(reactor.hasRun()).isTrue();
        assertThat(reactor.hasStopped()).isFalse();
    }

    @Test
    void callWhenRunningOnARunningReactorCallsAtOnce() {
        MemoryReactor reactor = new MemoryReactor();
        reactor.run();
        List<String> events = new ArrayList<>();

        TriggerId id = reactor.callWhenRunning(() -> events.add("now"));

        assertThat(id).isNull();
        assertThat(events).containsExactly("now");
    }

    @Test
    void stopFiresShutdownAndRunningEndsDuringIt() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, MemoryReactor.SHUTDOWN,
                () -> events.add("before, running=" + reactor.isRunning()));
        reactor.addSystemEventTrigger(Phase.AFTER, MemoryReactor.SHUTDOWN,
                () -> events.add("after, running=" + reactor.isRunning()));
        reactor.run();

        reactor.stop();

        assertThat(events).containsExactly("before, running=true", "after, running=false");
        assertThat(reactor.hasStopped()).isTrue();
        assertThat(reactor.isRunning()).isFalse();
    }

    @Test
    void stoppingAReactorThatIsNotRunningIsAnError() {
        MemoryReactor reactor = new MemoryReactor();
        assertThatThrownBy(reactor::stop).isInstanceOf(ReactorNotRunning.class);
        reactor.run();
        reactor.stop();
        assertThatThrownBy(reactor::stop).isInstanceOf(ReactorNotRunning.class);
    }

    @Test
    void runningTwiceIsAnError() {
        MemoryReactor reactor = new MemoryReactor();
        reactor.run();
        assertThatThrownBy(reactor::run).isInstanceOf(ReactorAlreadyRunning.class).hasMessageContaining("already");
        reactor.stop();
        assertThatThrownBy(reactor::run).isInstanceOf(ReactorAlreadyRunning.class).hasMessageContaining("restarted");
    }

    @Test
    void shutdownWaitsForADeferredFromABeforeTrigger() {
        MemoryReactor reactor = new MemoryReactor();
        Deferred<String> drained = new Deferred<>();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, MemoryReactor.SHUTDOWN, () -> drained);
        reactor.addSystemEventTrigger(Phase.DURING, MemoryReactor.SHUTDOWN, () -> events.add("during"));
        reactor.run();

        reactor.stop();
        assertThat(events).isEmpty();
        assertThat(reactor.isRunning()).isTrue();

        drained.callback("done");
        assertThat(events).containsExactly("during");
        assertThat(reactor.isRunning()).isFalse();
    }

    @Test
    void removedTriggerDoesNotRunAndCannotBeRemovedTwice() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        TriggerId id = reactor.addSystemEventTrigger(Phase.DURING, "flush", () -> events.add("flushed"));

        reactor.removeSystemEventTrigger(id);
        reactor.fireSystemEvent("flush");

        assertThat(events).isEmpty();
        assertThatThrownBy(() -> reactor.removeSystemEventTrigger(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callWhenRunningCanBeRemovedBeforeTheReactorRuns() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        TriggerId id = reactor.callWhenRunning(() -> events.add("ran"));

        reactor.removeSystemEventTrigger(id);
        reactor.run();

        assertThat(events).isEmpty();
    }

    @Test
    void triggersRunOnceEach() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.AFTER, "custom", () -> events.add("custom"));

        reactor.fireSystemEvent("custom");
        reactor.fireSystemEvent("custom");

        assertThat(events).containsExactly("custom");
    }

    @Test
    void failingTriggerDoesNotStopTheOthersAndIsThrownAfterwards() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, MemoryReactor.STARTUP, () -> {
            throw new IllegalStateException("first");
        });
        reactor.addSystemEventTrigger(Phase.DURING, MemoryReactor.STARTUP, () -> {
            throw new java.io.IOException("second");
        });
        reactor.addSystemEventTrigger(Phase.AFTER, MemoryReactor.STARTUP, () -> events.add("still ran"));

        assertThatThrownBy(reactor::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(java.io.IOException.class));
        assertThat(events).containsExactly("still ran");
        assertThat(reactor.isRunning()).isTrue();
    }

    // Time.

    @Test
    void timeIsTheClocksAndMovesOnlyWhenAdvanced() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        DelayedCall call = reactor.callLater(5, () -> events.add("fired"));

        assertThat(reactor.getDelayedCalls()).containsExactly(call);
        reactor.advance(4.9);
        assertThat(events).isEmpty();
        reactor.clock().advance(0.1);
        assertThat(events).containsExactly("fired");
        assertThat(reactor.seconds()).isEqualTo(5.0);
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    // TCP.

    @Test
    void listenTCPIsRecordedAndReturnsAListeningPortThatStartsTheFactory() {
        MemoryReactor reactor = new MemoryReactor();
        CountingFactory factory = new CountingFactory();

        ListeningPort port = reactor.listenTCP(8080, factory, 10, "127.0.0.1");

        MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
        assertThat(server.port()).isEqualTo(8080);
        assertThat(server.factory()).isSameAs(factory);
        assertThat(server.backlog()).isEqualTo(10);
        assertThat(server.bindInterface()).isEqualTo("127.0.0.1");
        assertThat(server.listeningPort()).isSameAs(port);
        assertThat(port.getHost()).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", 8080));
        assertThat(factory.events).containsExactly("start");
        assertThat(factory.numPorts()).isEqualTo(1);
    }

    @Test
    void stopListeningStopsTheFactoryOnceAndFiresAtOnce() {
        MemoryReactor reactor = new MemoryReactor();
        CountingFactory factory = new CountingFactory();
        FakePort port = reactor.listenTCP(0, factory);

        Deferred<@Nullable Void> stopped = port.stopListening();
        port.stopListening();

        assertThat(stopped.isCalled()).isTrue();
        assertThat(port.isListening()).isFalse();
        assertThat(factory.events).containsExactly("start", "stop");
    }

    @Test
    void listenTCPDefaultsAndIPv6Interfaces() {
        MemoryReactor reactor = new MemoryReactor();
        ListeningPort any = reactor.listenTCP(80, Factory.forProtocol(Plain::new));
        ListeningPort v6 = reactor.listenTCP(443, Factory.forProtocol(Plain::new), 5, "::");

        assertThat(reactor.tcpServers().get(0).backlog()).isEqualTo(MemoryReactor.DEFAULT_BACKLOG);
        assertThat(any.getHost()).isEqualTo(new IPv4Address(AddressType.TCP, "0.0.0.0", 80));
        assertThat(v6.getHost()).isEqualTo(new IPv6Address(AddressType.TCP, "::", 443));
    }

    @Test
    void badListenArgumentsAreRefusedAndNotRecorded() {
        MemoryReactor reactor = new MemoryReactor();
        Factory factory = Factory.forProtocol(Plain::new);
        assertThatThrownBy(() -> reactor.listenTCP(70_000, factory)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reactor.listenTCP(80, factory, -1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(reactor.tcpServers()).isEmpty();
    }

    @Test
    void connectTCPIsRecordedAndTheFactoryToldItStarted() {
        MemoryReactor reactor = new MemoryReactor();
        CountingFactory factory = new CountingFactory();
        InetSocketAddress local = InetSocketAddress.createUnresolved("10.1.1.1", 0);

        FakeConnector connector = reactor.connectTCP("example.com", 25, factory, 5, local);

        MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
        assertThat(client.host()).isEqualTo("example.com");
        assertThat(client.port()).isEqualTo(25);
        assertThat(client.timeout()).isEqualTo(5);
        assertThat(client.bindAddress()).isSameAs(local);
        assertThat(client.connector()).isSameAs(connector);
        assertThat(connector.getDestination()).isEqualTo(new IPv4Address(AddressType.TCP, "example.com", 25));
        assertThat(connector.isConnecting()).isTrue();
        assertThat(factory.events).containsExactly("start", "connecting to " + connector.getDestination());
    }

    @Test
    void connectTCPWithDefaults() {
        MemoryReactor reactor = new MemoryReactor();
        reactor.connectTCP("::1", 80, ClientFactory.forProtocol(Plain::new));

        MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
        assertThat(client.timeout()).isEqualTo(MemoryReactor.DEFAULT_CONNECT_TIMEOUT);
        assertThat(client.bindAddress()).isNull();
        assertThat(client.connector().getDestination()).isEqualTo(new IPv6Address(AddressType.TCP, "::1", 80));
        assertThatThrownBy(() -> reactor.connectTCP("h", 80, ClientFactory.forProtocol(Plain::new), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopConnectingFailsTheAttemptWithUserErrorAndStopsTheFactory() {
        MemoryReactor reactor = new MemoryReactor();
        CountingFactory factory = new CountingFactory();
        FakeConnector connector = reactor.connectTCP("example.com", 25, factory);

        connector.stopConnecting();

        assertThat(factory.events).endsWith("failed: " + UserError.class.getSimpleName(), "stop");
        assertThat(connector.isStoppedConnecting()).isTrue();
        assertThat(connector.isConnecting()).isFalse();
        assertThatThrownBy(connector::stopConnecting).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedConnectionCanBeRetriedFromTheFactory() {
        MemoryReactor reactor = new MemoryReactor();
        List<String> events = new ArrayList<>();
        ClientFactory retrying = new ClientFactory() {
            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                events.add("failed: " + reason.type().getSimpleName());
                if (events.size() < 2) {
                    connector.connect();
                }
            }

            @Override
            protected void stopFactory() {
                events.add("stop");
            }
        };
        FakeConnector connector = reactor.connectTCP("example.com", 80, retrying);
        ConnectionRefusedError refused = new ConnectionRefusedError(connector.getDestination());

        connector.failConnection(refused);
        assertThat(connector.isConnecting()).isTrue();
        assertThat(connector.attempts()).isEqualTo(2);
        assertThat(events).containsExactly("failed: ConnectionRefusedError");

        connector.failConnection(refused);
        assertThat(events).containsExactly("failed: ConnectionRefusedError", "failed: ConnectionRefusedError", "stop");
    }

    @Test
    void disconnectStopsAConnectingAttempt() {
        MemoryReactor reactor = new MemoryReactor();
        CountingFactory factory = new CountingFactory();
        FakeConnector connector = reactor.connectTCP("example.com", 25, factory);

        connector.disconnect();

        assertThat(connector.isDisconnected()).isTrue();
        assertThat(factory.events).contains("failed: UserError");
        connector.disconnect();
    }

    // UNIX.

    @Test
    void unixServersAndClientsAreRecorded() {
        MemoryReactor reactor = new MemoryReactor();
        Path path = Path.of("/run/app.sock");
        Factory server = Factory.forProtocol(Plain::new);
        ClientFactory client = ClientFactory.forProtocol(Plain::new);

        FakePort port = reactor.listenUNIX(path, server, 7, 0600, true);
        Connector connector = reactor.connectUNIX(path, client);

        MemoryReactor.UnixServer recorded = reactor.unixServers().get(0);
        assertThat(recorded).isEqualTo(new MemoryReactor.UnixServer(path, server, 7, 0600, true, port));
        assertThat(port.getHost()).isEqualTo(new UNIXAddress(path));
        MemoryReactor.UnixClient recordedClient = reactor.unixClients().get(0);
        assertThat(recordedClient.timeout()).isEqualTo(MemoryReactor.DEFAULT_CONNECT_TIMEOUT);
        assertThat(recordedClient.checkPID()).isFalse();
        assertThat(connector.getDestination()).isEqualTo(new UNIXAddress(path));
    }

    @Test
    void listenUNIXDefaults() {
        MemoryReactor reactor = new MemoryReactor();
        reactor.listenUNIX(Path.of("s"), Factory.forProtocol(Plain::new));
        MemoryReactor.UnixServer server = reactor.unixServers().get(0);
        assertThat(server.mode()).isEqualTo(MemoryReactor.DEFAULT_MODE);
        assertThat(server.wantPID()).isFalse();
    }

    // UDP.

    @Test
    void listenUDPAttachesTheProtocolAndRecordsWhatItSends() {
        MemoryReactor reactor = new MemoryReactor();
        Datagrams protocol = new Datagrams();

        FakeDatagramPort port = reactor.listenUDP(5353, protocol);
        IPv4Address sender = new IPv4Address(AddressType.UDP, "192.0.2.9", 1234);
        protocol.datagramReceived(Bytes.ascii("query"), sender);

        assertThat(protocol.events).containsExactly("start");
        assertThat(reactor.udpServers().get(0).maxPacketSize()).isEqualTo(MemoryReactor.DEFAULT_MAX_PACKET_SIZE);
        assertThat(port.getHost()).isEqualTo(new IPv4Address(AddressType.UDP, "0.0.0.0", 5353));
        assertThat(port.written()).singleElement().satisfies(datagram -> {
            assertThat(datagram.data()).isEqualTo("query".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(datagram.to()).isEqualTo(sender);
        });

        port.stopListening();
        assertThat(protocol.events).containsExactly("start", "stop");
    }

    @Test
    void connectedDatagramPortSendsOnlyToItsPeer() {
        MemoryReactor reactor = new MemoryReactor();
        Datagrams protocol = new Datagrams();
        FakeDatagramPort port = reactor.listenUDP(0, protocol, "", 512);

        assertThatThrownBy(() -> port.write(Bytes.ascii("x"))).isInstanceOf(IllegalStateException.class);
        port.connect("192.0.2.1", 53);
        port.write(Bytes.ascii("x"));

        assertThat(port.written()).singleElement()
                .satisfies(d -> assertThat(d.to()).isEqualTo(new IPv4Address(AddressType.UDP, "192.0.2.1", 53)));
        assertThatThrownBy(() -> port.write(Bytes.ascii("y"), new IPv4Address(AddressType.UDP, "192.0.2.2", 53)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void datagramToANonUdpAddressIsRefused() {
        FakeDatagramPort port = new MemoryReactor().listenUDP(0, new Datagrams());
        assertThatThrownBy(() -> port.write(Bytes.ascii("x"), new IPv4Address(AddressType.TCP, "192.0.2.1", 53)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> port.write(Bytes.ascii("x"), new UNIXAddress(null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(port.written()).isEmpty();
    }
}
