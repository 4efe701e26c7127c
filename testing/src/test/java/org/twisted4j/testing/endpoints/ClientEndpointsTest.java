package org.twisted4j.testing.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectError;
import org.twisted4j.internet.ConnectingCancelledError;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NoProtocol;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.internet.endpoints.TCP6ServerEndpoint;
import org.twisted4j.internet.endpoints.UNIXClientEndpoint;
import org.twisted4j.internet.endpoints.UNIXServerEndpoint;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.FakeConnector;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class ClientEndpointsTest {
    private static final Address SERVER = new IPv4Address(AddressType.TCP, "192.0.2.1", 80);

    private final MemoryReactor reactor = new MemoryReactor();

    /** A factory that records its start and stop and the protocols it builds. */
    private static final class Recording extends Factory {
        final List<String> events = new ArrayList<>();
        final List<AccumulatingProtocol> built = new ArrayList<>();

        @Override
        public @Nullable Protocol buildProtocol(Address peer) {
            events.add("build for " + peer);
            AccumulatingProtocol protocol = new AccumulatingProtocol();
            built.add(protocol);
            return protocol;
        }

        @Override
        protected void startFactory() {
            events.add("start");
        }

        @Override
        protected void stopFactory() {
            events.add("stop");
        }
    }

    /** Connects the protocol the reactor's recorded factory builds to a new transport, as a real connection would. */
    private static StringTransport completeConnection(MemoryReactor.TcpClient client) {
        StringTransport transport = new StringTransport();
        Protocol protocol = client.factory().buildProtocol(SERVER);
        assertThat(protocol).isNotNull();
        protocol.makeConnection(transport);
        return transport;
    }

    @Test
    void tcp4ConnectIsRecordedWithItsArguments() {
        InetSocketAddress local = new InetSocketAddress("192.0.2.50", 0);
        new TCP4ClientEndpoint(reactor, "example.com", 8080, 5, local).connect(new Recording());

        MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
        assertThat(client.host()).isEqualTo("example.com");
        assertThat(client.port()).isEqualTo(8080);
        assertThat(client.timeout()).isEqualTo(5.0);
        assertThat(client.bindAddress()).isEqualTo(local);
    }

    @Test
    void tcp4DefaultsAreThirtySecondsAndNoLocalAddress() {
        new TCP4ClientEndpoint(reactor, "h", 1).connect(new Recording());

        assertThat(reactor.tcpClients().get(0).timeout()).isEqualTo(30.0);
        assertThat(reactor.tcpClients().get(0).bindAddress()).isNull();
    }

    @Test
    void connectFiresWithTheProtocolOnceConnectionMadeHasRun() {
        Recording factory = new Recording();
        Outcome<Protocol> connected = Outcome.of(new TCP4ClientEndpoint(reactor, "h", 80).connect(factory));
        assertThat(connected.fired()).isFalse();

        StringTransport transport = completeConnection(reactor.tcpClients().get(0));

        AccumulatingProtocol protocol = factory.built.get(0);
        assertThat(connected.value()).isSameAs(protocol);
        assertThat(protocol.isMade()).isTrue();
        assertThat(protocol.transport()).isSameAs(transport);
        assertThat(factory.events).containsExactly("start", "build for " + SERVER);
    }

    @Test
    void dataAndConnectionLossReachTheProtocolAfterConnecting() {
        Recording factory = new Recording();
        new TCP4ClientEndpoint(reactor, "h", 80).connect(factory);
        MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
        StringTransport transport = new StringTransport();
        Protocol wrapper = client.factory().buildProtocol(SERVER);
        wrapper.makeConnection(transport);

        wrapper.dataReceived(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        Failure done = new Failure(new ConnectionDone());
        wrapper.connectionLost(done);

        AccumulatingProtocol protocol = factory.built.get(0);
        assertThat(protocol.dataAsString()).isEqualTo("hello");
        assertThat(protocol.closedReason()).isSameAs(done);
    }

    @Test
    void failedConnectionFailsTheDeferredWithTheReasonAndStopsTheFactory() {
        Recording factory = new Recording();
        Outcome<Protocol> connected = Outcome.of(new TCP4ClientEndpoint(reactor, "h", 80).connect(factory));
        FakeConnector connector = reactor.tcpClients().get(0).connector();
        ConnectionRefusedError refused = new ConnectionRefusedError(connector.getDestination());

        connector.failConnection(refused);

        assertThat(connected.failure()).isSameAs(refused);
        assertThat(factory.events).containsExactly("start", "stop");
    }

    @Test
    void cancellingStopsConnectingAndFailsWithConnectingCancelled() {
        Recording factory = new Recording();
        var deferred = new TCP4ClientEndpoint(reactor, "192.0.2.1", 80).connect(factory);
        Outcome<Protocol> connected = Outcome.of(deferred);
        FakeConnector connector = reactor.tcpClients().get(0).connector();

        deferred.cancel();

        assertThat(connector.isStoppedConnecting()).isTrue();
        assertThat(connected.failure()).isInstanceOf(ConnectingCancelledError.class);
        assertThat(((ConnectingCancelledError) connected.failure()).address()).isEqualTo(SERVER);
        assertThat(factory.events).containsExactly("start", "stop");
    }

    @Test
    void connectionMadeAfterCancellingIsAbortedAndTheProtocolNeverSeesIt() {
        Recording factory = new Recording();
        var deferred = new TCP4ClientEndpoint(reactor, "h", 80).connect(factory);
        Outcome.of(deferred);
        MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
        deferred.cancel();

        StringTransport transport = completeConnection(client);

        assertThat(transport.isAborted()).isTrue();
        assertThat(factory.built.get(0).isMade()).isFalse();
    }

    @Test
    void cancellingAfterConnectingChangesNothing() {
        var deferred = new TCP4ClientEndpoint(reactor, "h", 80).connect(new Recording());
        Outcome<Protocol> connected = Outcome.of(deferred);
        StringTransport transport = completeConnection(reactor.tcpClients().get(0));

        deferred.cancel();

        assertThat(connected.value()).isInstanceOf(AccumulatingProtocol.class);
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void factoryBuildingNoProtocolFailsWithNoProtocol() {
        Factory refusing = new Factory() {
            @Override
            public @Nullable Protocol buildProtocol(Address peer) {
                return null;
            }
        };
        Outcome<Protocol> connected = Outcome.of(new TCP4ClientEndpoint(reactor, "h", 80).connect(refusing));

        Protocol built = reactor.tcpClients().get(0).factory().buildProtocol(SERVER);

        assertThat(built).isNull();
        assertThat(connected.failure()).isInstanceOf(NoProtocol.class).hasMessageContaining("192.0.2.1");
    }

    @Test
    void factoryThrowingFailsTheDeferredWithWhatItThrew() {
        IllegalStateException boom = new IllegalStateException("boom");
        Factory throwing = new Factory() {
            @Override
            public @Nullable Protocol buildProtocol(Address peer) {
                throw boom;
            }
        };
        Outcome<Protocol> connected = Outcome.of(new TCP4ClientEndpoint(reactor, "h", 80).connect(throwing));

        assertThat(reactor.tcpClients().get(0).factory().buildProtocol(SERVER)).isNull();
        assertThat(connected.failure()).isSameAs(boom);
    }

    @Test
    void reactorThrowingFailsTheDeferredInsteadOfThrowing() {
        ConnectError error = new ConnectError("no route");
        ThrowingReactor throwing = new ThrowingReactor(error);

        assertThat(Outcome.of(new TCP4ClientEndpoint(throwing, "h", 1).connect(new Recording())).failure())
                .isSameAs(error);
        assertThat(Outcome.of(new UNIXClientEndpoint(throwing, Path.of("/s")).connect(new Recording())).failure())
                .isSameAs(error);
    }

    /** A protocol that can be half-closed and records it. */
    private static final class HalfClosing extends Protocol implements HalfCloseableProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void readConnectionLost() {
            events.add("read lost");
        }

        @Override
        public void writeConnectionLost() {
            events.add("write lost");
        }
    }

    @Test
    void halfCloseableProtocolsStayHalfCloseableThroughTheEndpoint() {
        HalfClosing protocol = new HalfClosing();
        Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "h", 80), protocol);
        Protocol wrapper = reactor.tcpClients().get(0).factory().buildProtocol(SERVER);
        wrapper.makeConnection(new StringTransport());

        assertThat(wrapper).isInstanceOf(HalfCloseableProtocol.class);
        ((HalfCloseableProtocol) wrapper).readConnectionLost();
        ((HalfCloseableProtocol) wrapper).writeConnectionLost();
        assertThat(protocol.events).containsExactly("read lost", "write lost");
    }

    @Test
    void plainProtocolsAreNotMadeHalfCloseable() {
        new TCP4ClientEndpoint(reactor, "h", 80).connect(new Recording());

        assertThat(reactor.tcpClients().get(0).factory().buildProtocol(SERVER))
                .isNotInstanceOf(HalfCloseableProtocol.class);
    }

    @Test
    void connectProtocolFiresWithTheSameProtocolTyped() {
        AccumulatingProtocol mine = new AccumulatingProtocol();
        Outcome<AccumulatingProtocol> connected = Outcome.of(
                Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "h", 80), mine));

        completeConnection(reactor.tcpClients().get(0));

        assertThat(connected.value()).isSameAs(mine);
        assertThat(mine.isMade()).isTrue();
    }

    @Test
    void unixConnectIsRecordedAndFiresOnConnection() {
        Recording factory = new Recording();
        Outcome<Protocol> connected = Outcome.of(
                new UNIXClientEndpoint(reactor, Path.of("/run/s"), 4, true).connect(factory));

        MemoryReactor.UnixClient client = reactor.unixClients().get(0);
        assertThat(client.path()).isEqualTo(Path.of("/run/s"));
        assertThat(client.timeout()).isEqualTo(4.0);
        assertThat(client.checkPID()).isTrue();
        client.factory().buildProtocol(client.connector().getDestination()).makeConnection(new StringTransport());
        assertThat(connected.value()).isSameAs(factory.built.get(0));
    }

    @Test
    void clientFromStringConnectsWithTheDescribedArguments() {
        Endpoints.clientFromString(reactor, "tcp:host=example.com:port=80:timeout=3:bindAddress=192.0.2.9")
                .connect(new Recording());
        Endpoints.clientFromString(reactor, "tcp6:\\:\\:1:443").connect(new Recording());
        Endpoints.clientFromString(reactor, "unix:path=/s:timeout=2:checkPID=1").connect(new Recording());

        assertThat(reactor.tcpClients().get(0)).extracting("host", "port", "timeout", "bindAddress")
                .containsExactly("example.com", 80, 3.0, new InetSocketAddress("192.0.2.9", 0));
        assertThat(reactor.tcpClients().get(1)).extracting("host", "port").containsExactly("::1", 443);
        assertThat(reactor.unixClients().get(0)).extracting("path", "timeout", "checkPID")
                .containsExactly(Path.of("/s"), 2.0, true);
    }

    @Test
    void protocolWhoseConnectionMadeThrowsFailsTheDeferredAndTheTransportSeesTheError() {
        IllegalStateException boom = new IllegalStateException("connectionMade broke");
        Protocol failing = new Protocol() {
            @Override
            public void connectionMade() {
                throw boom;
            }
        };
        Outcome<Protocol> connected = Outcome.of(
                Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "h", 80), failing));
        Protocol wrapper = reactor.tcpClients().get(0).factory().buildProtocol(SERVER);

        assertThatThrownBy(() -> wrapper.makeConnection(new StringTransport())).isSameAs(boom);
        assertThat(connected.failure()).isSameAs(boom);
    }

    @Test
    void constructorsRejectImpossibleArguments() {
        assertThatThrownBy(() -> new TCP4ClientEndpoint(reactor, "h", 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
        assertThatThrownBy(() -> new TCP4ClientEndpoint(reactor, "h", 80, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new TCP4ServerEndpoint(reactor, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new TCP6ServerEndpoint(reactor, 80, -5, "::"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backlog");
        assertThatThrownBy(() -> new UNIXServerEndpoint(reactor, Path.of("/s"), 50, 010000, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> new UNIXClientEndpoint(reactor, Path.of("/s"), -1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
