package org.twisted4j.testing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.application.Application;
import org.twisted4j.application.Services;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.application.AbstractService;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.StreamServerEndpoint;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.testing.FakePort;
import org.twisted4j.testing.MemoryReactor;

class StreamServerEndpointServiceTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = Factory.forProtocol(() -> new Protocol() { });
    private final StreamServerEndpointService service =
            new StreamServerEndpointService(new TCP4ServerEndpoint(reactor, 8080), factory);

    private static CannotListenError portInUse() {
        return new CannotListenError("", 8080, new BindException("Address already in use"));
    }

    /** Records what each whenListening Deferred produced: the port or the failure. */
    private static List<Object> outcomes(Deferred<ListeningPort> deferred) {
        List<Object> outcome = new ArrayList<>();
        deferred.addBoth(outcome::add);
        return outcome;
    }

    @Test
    void privilegedStartListensBeforeStart() {
        service.privilegedStartService();

        assertThat(reactor.tcpServers()).hasSize(1);
        assertThat(reactor.tcpServers().get(0).port()).isEqualTo(8080);
        assertThat(reactor.tcpServers().get(0).factory()).isSameAs(factory);
        assertThat(service.isRunning()).isFalse();

        service.startService();

        assertThat(reactor.tcpServers()).as("startService does not listen a second time").hasSize(1);
        assertThat(service.isRunning()).isTrue();
    }

    @Test
    void startListensWhenPrivilegedStartWasNotCalled() {
        service.startService();

        assertThat(reactor.tcpServers()).hasSize(1);
        FakePort port = reactor.tcpServers().get(0).listeningPort();
        assertThat(port.isListening()).isTrue();
        assertThat(service.listeningPort()).isSameAs(port);
        assertThat(factory.numPorts()).isEqualTo(1);
    }

    @Test
    void whenListeningFiresWithThePortBeforeAndAfterListening() {
        List<Object> early = outcomes(service.whenListening());
        assertThat(early).isEmpty();

        service.startService();

        FakePort port = reactor.tcpServers().get(0).listeningPort();
        assertThat(early).containsExactly(port);
        assertThat(outcomes(service.whenListening())).containsExactly(port);
    }

    @Test
    void stopStopsListeningAndFiresWhenThePortHasClosed() {
        service.startService();
        FakePort port = reactor.tcpServers().get(0).listeningPort();

        Deferred<@Nullable Void> stopped = service.stopService();

        assertThat(stopped.isCalled()).isTrue();
        assertThat(port.isListening()).isFalse();
        assertThat(factory.numPorts()).isZero();
        assertThat(service.isRunning()).isFalse();
        assertThat(service.listeningPort()).isNull();
    }

    @Test
    void stopWaitsForAPortThatClosesLater() {
        Deferred<@Nullable Void> closing = new Deferred<>();
        ListeningPort slowPort = new ListeningPort() {
            @Override
            public void startListening() {
            }

            @Override
            public Deferred<@Nullable Void> stopListening() {
                return closing;
            }

            @Override
            public Address getHost() {
                return new IPv4Address(AddressType.TCP, "127.0.0.1", 8080);
            }
        };
        StreamServerEndpointService slow = new StreamServerEndpointService(f -> Deferred.succeed(slowPort), factory);
        slow.startService();

        Deferred<@Nullable Void> stopped = slow.stopService();

        assertThat(stopped.isCalled()).isFalse();
        assertThat(slow.isRunning()).as("running until the port has closed").isTrue();
        closing.callback(null);
        assertThat(stopped.isCalled()).isTrue();
        assertThat(slow.isRunning()).isFalse();
    }

    @Test
    void canListenAgainAfterStopping() {
        service.startService();
        service.stopService();

        service.startService();

        assertThat(reactor.tcpServers()).hasSize(2);
        assertThat(reactor.tcpServers().get(1).listeningPort().isListening()).isTrue();
    }

    @Test
    void listenFailureIsLoggedAndReportedByWhenListeningWithoutFailingTheStart() {
        StreamServerEndpoint failing = f -> Deferred.fail(portInUse());
        StreamServerEndpointService broken = new StreamServerEndpointService(failing, factory);
        List<Object> waiting = outcomes(broken.whenListening());

        try (CapturedLog log = new CapturedLog()) {
            broken.startService();
            assertThat(log.failureMessages()).singleElement().asString().contains("Address already in use");
        }

        assertThat(broken.isRunning()).isTrue();
        assertThat(waiting).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CannotListenError.class));
        assertThat(outcomes(broken.whenListening())).singleElement().isInstanceOf(Failure.class);
        assertThat(broken.stopService().isCalled()).isTrue();
    }

    @Test
    void listenFailureIsThrownOutOfStartWhenRaisingSynchronously() {
        CannotListenError error = portInUse();
        StreamServerEndpointService broken = new StreamServerEndpointService(f -> Deferred.fail(error), factory);
        broken.setRaiseSynchronously(true);

        try (CapturedLog log = new CapturedLog()) {
            assertThatThrownBy(broken::privilegedStartService).isSameAs(error);
            assertThat(log.failureMessages()).as("thrown, not logged").isEmpty();
        }
    }

    @Test
    void listenFailureFailsApplicationStartupWithTheReasonAndStopsTheReactor() {
        CannotListenError error = portInUse();
        StreamServerEndpointService broken = new StreamServerEndpointService(f -> Deferred.fail(error), factory);
        broken.setRaiseSynchronously(true);
        Application app = new Application("app");
        broken.setServiceParent(app);
        List<Object> startup = new ArrayList<>();
        Services.startApplication(reactor, app).addBoth(startup::add);

        reactor.run();

        assertThat(startup).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isSameAs(error));
        assertThat(reactor.hasStopped()).isTrue();
        assertThat(reactor.isRunning()).isFalse();
    }

    @Test
    void stopCallsOffAListenStillUnderWayAndWhenListeningFailsWithCancelledError() {
        boolean[] cancelled = {false};
        Deferred<ListeningPort> pending = new Deferred<>(d -> cancelled[0] = true);
        StreamServerEndpointService waiting = new StreamServerEndpointService(f -> pending, factory);
        waiting.startService();
        List<Object> listening = outcomes(waiting.whenListening());

        Deferred<@Nullable Void> stopped;
        try (CapturedLog log = new CapturedLog()) {
            stopped = waiting.stopService();
            assertThat(log.failureMessages()).as("a cancelled listen is not an error to log").isEmpty();
        }

        assertThat(cancelled[0]).isTrue();
        assertThat(stopped.isCalled()).isTrue();
        assertThat(listening).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CancelledError.class));
    }

    @Test
    void applicationStartedByTheReactorListensAndReactorStopWaitsForTheServiceToStop() {
        Application app = new Application("app");
        service.setServiceParent(app);
        Deferred<@Nullable Void> slowStop = new Deferred<>();
        new AbstractService() {
            @Override
            public Deferred<@Nullable Void> stopService() {
                super.stopService();
                return slowStop;
            }
        }.setServiceParent(app);
        List<Object> startup = new ArrayList<>();
        Services.startApplication(reactor, app).addBoth(startup::add);
        boolean[] shutdownDuring = {false};
        reactor.addSystemEventTrigger(MemoryReactor.Phase.DURING, MemoryReactor.SHUTDOWN, () -> shutdownDuring[0] = true);

        assertThat(reactor.tcpServers()).as("nothing before the reactor runs").isEmpty();
        reactor.run();
        assertThat(startup).containsExactly((Object) null);
        assertThat(app.isRunning()).isTrue();
        assertThat(reactor.tcpServers().get(0).listeningPort().isListening()).isTrue();

        reactor.stop();
        assertThat(reactor.tcpServers().get(0).listeningPort().isListening()).isFalse();
        assertThat(shutdownDuring[0]).as("shutdown waits for the application's stop").isFalse();
        slowStop.callback(null);
        assertThat(shutdownDuring[0]).isTrue();
    }
}
