package org.twisted4j.testing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.application.ClientService;
import org.twisted4j.application.RetryPolicy;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class ClientServiceTest {
    /** Twisted's default backoff without jitter: 1.5, 2.25, 3.375 ... seconds. */
    private static final RetryPolicy NO_JITTER = RetryPolicy.backoff(1.0, 60.0, 1.5, () -> 0);

    private final MemoryReactor reactor = new MemoryReactor();
    private final List<Client> built = new ArrayList<>();
    private final Factory factory = Factory.forProtocol(() -> {
        Client client = new Client();
        built.add(client);
        return client;
    });
    private final ClientService service =
            new ClientService(new TCP4ClientEndpoint(reactor, "10.0.0.2", 7000), factory, reactor, NO_JITTER);

    /** The user's protocol; records what it was told. */
    static class Client extends Protocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            events.add("data " + StandardCharsets.US_ASCII.decode(data));
        }

        @Override
        public void connectionMade() {
            events.add("made");
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost " + reason.type().getSimpleName());
        }
    }

    /** The connection of the latest attempt, as the reactor's side sees it. */
    private record Wire(Protocol protocol, StringTransport transport) {
        void lose() {
            protocol.connectionLost(new Failure(new ConnectionDone()));
        }
    }

    private int attempts() {
        return reactor.tcpClients().size();
    }

    private MemoryReactor.TcpClient latest() {
        List<MemoryReactor.TcpClient> clients = reactor.tcpClients();
        return clients.get(clients.size() - 1);
    }

    /** Makes the latest attempt succeed. */
    private Wire connect() {
        Protocol protocol = latest().factory().buildProtocol(StringTransport.DEFAULT_PEER);
        assertThat(protocol).isNotNull();
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        return new Wire(protocol, transport);
    }

    /** Makes the latest attempt fail as refused. */
    private ConnectionRefusedError refuse() {
        ConnectionRefusedError refused = new ConnectionRefusedError(latest().connector().getDestination());
        latest().connector().failConnection(refused);
        return refused;
    }

    private static List<Object> outcomes(Deferred<?> deferred) {
        List<Object> outcome = new ArrayList<>();
        deferred.addBoth(outcome::add);
        return outcome;
    }

    private static void assertFailedWith(List<Object> outcome, Class<? extends Throwable> type) {
        assertThat(outcome).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(type));
    }

    @Test
    void connectsOnStartAndWhenConnectedFiresWithTheUsersProtocol() {
        List<Object> waiting = outcomes(service.whenConnected());
        assertThat(attempts()).isZero();

        service.startService();
        assertThat(attempts()).isEqualTo(1);
        assertThat(latest().host()).isEqualTo("10.0.0.2");
        assertThat(latest().port()).isEqualTo(7000);
        assertThat(waiting).isEmpty();

        Wire wire = connect();

        assertThat(built).hasSize(1);
        assertThat(waiting).containsExactly(built.get(0));
        assertThat(built.get(0).transport()).isSameAs(wire.transport());
        wire.protocol().dataReceived(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)));
        assertThat(built.get(0).events).containsExactly("made", "data hi");
    }

    /** A user's protocol that can be half-closed. */
    static final class HalfCloseableClient extends Client implements HalfCloseableProtocol {
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
    void halfCloseableProtocolStillHearsOfHalfClosing() {
        List<HalfCloseableClient> clients = new ArrayList<>();
        ClientService halfClosing = new ClientService(new TCP4ClientEndpoint(reactor, "10.0.0.2", 7000),
                Factory.forProtocol(() -> {
                    HalfCloseableClient client = new HalfCloseableClient();
                    clients.add(client);
                    return client;
                }), reactor, NO_JITTER);
        halfClosing.startService();

        Wire wire = connect();

        assertThat(wire.protocol()).isInstanceOf(HalfCloseableProtocol.class);
        ((HalfCloseableProtocol) wire.protocol()).readConnectionLost();
        ((HalfCloseableProtocol) wire.protocol()).writeConnectionLost();
        assertThat(clients.get(0).events).containsExactly("made", "read lost", "write lost");
    }

    @Test
    void whenConnectedAfterConnectingFiresAtOnceWithTheCurrentProtocol() {
        service.startService();
        connect();

        assertThat(outcomes(service.whenConnected())).containsExactly(built.get(0));
        assertThat(outcomes(service.whenConnected(1))).containsExactly(built.get(0));
    }

    @Test
    void failedAttemptsAreRetriedWithGrowingBackoff() {
        service.startService();

        refuse();
        reactor.advance(1.49);
        assertThat(attempts()).isEqualTo(1);
        reactor.advance(0.01);
        assertThat(attempts()).isEqualTo(2);

        refuse();
        reactor.advance(2.24);
        assertThat(attempts()).isEqualTo(2);
        reactor.advance(0.01);
        assertThat(attempts()).isEqualTo(3);

        refuse();
        reactor.advance(3.375);
        assertThat(attempts()).isEqualTo(4);
    }

    @Test
    void lostConnectionIsReplacedAfterTheFirstDelayAgain() {
        service.startService();
        refuse();
        reactor.advance(1.5);
        refuse();
        reactor.advance(2.25);
        Wire first = connect();

        first.lose();

        assertThat(built.get(0).events).containsExactly("made", "lost ConnectionDone");
        List<Object> next = outcomes(service.whenConnected());
        assertThat(next).as("no connection now: waits for the next").isEmpty();
        reactor.advance(1.49);
        assertThat(attempts()).isEqualTo(3);
        reactor.advance(0.01);
        assertThat(attempts()).as("failure count was reset by the connection").isEqualTo(4);
        connect();
        assertThat(next).containsExactly(built.get(1));
    }

    @Test
    void whenConnectedWithFailAfterFailuresFailsWithTheLastReason() {
        service.startService();
        List<Object> afterOne = outcomes(service.whenConnected(1));
        List<Object> afterTwo = outcomes(service.whenConnected(2));
        List<Object> patient = outcomes(service.whenConnected());

        ConnectionRefusedError first = refuse();
        assertThat(afterOne).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isSameAs(first));
        assertThat(afterTwo).isEmpty();

        reactor.advance(1.5);
        ConnectionRefusedError second = refuse();
        assertThat(afterTwo).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isSameAs(second));
        assertThat(patient).isEmpty();

        reactor.advance(2.25);
        connect();
        assertThat(patient).containsExactly(built.get(0));
    }

    @Test
    void failAfterFailuresMustBeAtLeastOne() {
        assertThatThrownBy(() -> service.whenConnected(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopWhileConnectedClosesTheConnectionAndFiresOnceItIsLost() {
        service.startService();
        Wire wire = connect();

        Deferred<@Nullable Void> stopped = service.stopService();

        assertThat(wire.transport().isDisconnecting()).isTrue();
        assertThat(stopped.isCalled()).isFalse();
        wire.lose();
        assertThat(stopped.isCalled()).isTrue();
        assertThat(service.isRunning()).isFalse();
        reactor.advance(100);
        assertThat(attempts()).as("no reconnection after stopping").isEqualTo(1);
        assertFailedWith(outcomes(service.whenConnected()), CancelledError.class);
    }

    @Test
    void stopWhileConnectingCallsOffTheAttemptAndFailsWaitersWithCancelledError() {
        service.startService();
        List<Object> waiting = outcomes(service.whenConnected());

        Deferred<@Nullable Void> stopped = service.stopService();

        assertThat(latest().connector().isStoppedConnecting()).isTrue();
        assertThat(stopped.isCalled()).isTrue();
        assertFailedWith(waiting, CancelledError.class);
        reactor.advance(100);
        assertThat(attempts()).isEqualTo(1);
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopWhileWaitingToRetryCancelsTheRetry() {
        service.startService();
        refuse();
        List<Object> waiting = outcomes(service.whenConnected());

        Deferred<@Nullable Void> stopped = service.stopService();

        assertThat(stopped.isCalled()).isTrue();
        assertThat(reactor.getDelayedCalls()).isEmpty();
        assertFailedWith(waiting, CancelledError.class);
        reactor.advance(100);
        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void startAgainAfterStopConnectsAgain() {
        service.startService();
        service.stopService();

        service.startService();

        assertThat(attempts()).isEqualTo(2);
        List<Object> waiting = outcomes(service.whenConnected());
        connect();
        assertThat(waiting).containsExactly(built.get(0));
    }

    @Test
    void startWhileStillDisconnectingReconnectsAsSoonAsTheConnectionIsLost() {
        service.startService();
        Wire wire = connect();
        Deferred<@Nullable Void> stopped = service.stopService();

        service.startService();
        List<Object> waiting = outcomes(service.whenConnected());
        assertThat(attempts()).isEqualTo(1);
        wire.lose();

        assertThat(stopped.isCalled()).isTrue();
        assertThat(attempts()).as("reconnects without waiting").isEqualTo(2);
        assertThat(waiting).isEmpty();
        connect();
        assertThat(waiting).containsExactly(built.get(1));
    }

    @Test
    void secondStartWhileRunningIsIgnored() {
        service.startService();
        service.startService();

        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void cancelledWhenConnectedIsForgotten() {
        service.startService();
        Deferred<Protocol> waiting = service.whenConnected();
        List<Object> outcome = outcomes(waiting);

        waiting.cancel();
        connect();

        assertFailedWith(outcome, CancelledError.class);
    }

    @Test
    void whenConnectedWaitsForPrepareConnection() {
        List<Protocol> prepared = new ArrayList<>();
        Deferred<@Nullable Void> ready = new Deferred<>();
        ClientService preparing = new ClientService(new TCP4ClientEndpoint(reactor, "10.0.0.2", 7000), factory,
                reactor, NO_JITTER, protocol -> {
                    prepared.add(protocol);
                    return ready;
                });
        preparing.startService();
        List<Object> waiting = outcomes(preparing.whenConnected());

        connect();

        assertThat(prepared).containsExactly(built.get(0));
        assertThat(waiting).isEmpty();
        ready.callback(null);
        assertThat(waiting).containsExactly(built.get(0));
    }

    @Test
    void failedPrepareConnectionClosesTheConnectionAndCountsAsAFailedAttempt() {
        ClientService preparing = new ClientService(new TCP4ClientEndpoint(reactor, "10.0.0.2", 7000), factory,
                reactor, NO_JITTER, protocol -> {
                    throw new IllegalStateException("login refused");
                });
        preparing.startService();
        List<Object> waiting = outcomes(preparing.whenConnected(1));

        Wire wire = connect();

        assertThat(wire.transport().isDisconnecting()).isTrue();
        assertThat(waiting).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).hasMessage("login refused"));
        wire.lose();
        reactor.advance(1.49);
        assertThat(attempts()).isEqualTo(1);
        reactor.advance(0.01);
        assertThat(attempts()).isEqualTo(2);
    }

    @Test
    void connectionLostWhilePreparingIsAFailedAttempt() {
        ClientService preparing = new ClientService(new TCP4ClientEndpoint(reactor, "10.0.0.2", 7000), factory,
                reactor, NO_JITTER, protocol -> new Deferred<@Nullable Void>());
        preparing.startService();
        List<Object> waiting = outcomes(preparing.whenConnected(1));

        connect().lose();

        assertFailedWith(waiting, CancelledError.class);
        reactor.advance(1.5);
        assertThat(attempts()).isEqualTo(2);
    }

    @Test
    void retriesAreLoggedWithAttemptAndDelay() {
        try (CapturedLog log = new CapturedLog()) {
            service.startService();
            refuse();

            assertThat(log.events()).anySatisfy(event -> {
                assertThat(event.field("attempt")).isEqualTo(1);
                assertThat(event.field("delay")).isEqualTo(1.5);
            });
        }
    }
}
