package org.twisted4j.testing.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.internet.endpoints.TCP6ServerEndpoint;
import org.twisted4j.internet.endpoints.UNIXServerEndpoint;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.MemoryReactor;

class ServerEndpointsTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = Factory.forProtocol(AccumulatingProtocol::new);

    @Test
    void tcp4ListenIsRecordedWithItsArgumentsAndFiresWithThePort() {
        Outcome<ListeningPort> port = Outcome.of(new TCP4ServerEndpoint(reactor, 8080, 7, "127.0.0.1").listen(factory));

        MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
        assertThat(server.port()).isEqualTo(8080);
        assertThat(server.backlog()).isEqualTo(7);
        assertThat(server.bindInterface()).isEqualTo("127.0.0.1");
        assertThat(server.factory()).isSameAs(factory);
        assertThat(port.value()).isSameAs(server.listeningPort());
        assertThat(factory.numPorts()).isEqualTo(1);
    }

    @Test
    void tcp4DefaultsAreEveryInterfaceAndTheSystemsBacklog() {
        new TCP4ServerEndpoint(reactor, 80).listen(factory);

        MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
        assertThat(server.bindInterface()).isEmpty();
        assertThat(server.backlog()).isEqualTo(ReactorTCP.DEFAULT_BACKLOG);
    }

    @Test
    void portZeroIsPassedOnForTheSystemToChoose() {
        Outcome<ListeningPort> port = Outcome.of(new TCP4ServerEndpoint(reactor, 0).listen(factory));

        assertThat(reactor.tcpServers().get(0).port()).isZero();
        assertThat(port.value().getHost()).isEqualTo(new IPv4Address(AddressType.TCP, "0.0.0.0", 0));
    }

    @Test
    void tcp6ListensOnEveryIPv6InterfaceByDefault() {
        new TCP6ServerEndpoint(reactor, 443).listen(factory);
        new TCP6ServerEndpoint(reactor, 444, 9, "::1").listen(factory);

        assertThat(reactor.tcpServers()).extracting(MemoryReactor.TcpServer::bindInterface).containsExactly("::", "::1");
        assertThat(reactor.tcpServers().get(1).backlog()).isEqualTo(9);
    }

    @Test
    void unixListenIsRecordedWithItsArguments() {
        Outcome<ListeningPort> port = Outcome.of(
                new UNIXServerEndpoint(reactor, Path.of("/tmp/s.sock"), 3, 0600, true).listen(factory));

        MemoryReactor.UnixServer server = reactor.unixServers().get(0);
        assertThat(server.path()).isEqualTo(Path.of("/tmp/s.sock"));
        assertThat(server.backlog()).isEqualTo(3);
        assertThat(server.mode()).isEqualTo(0600);
        assertThat(server.wantPID()).isTrue();
        assertThat(port.value()).isSameAs(server.listeningPort());
    }

    @Test
    void unixDefaultsAreMode666AndNoLockFile() {
        new UNIXServerEndpoint(reactor, Path.of("/s")).listen(factory);

        assertThat(reactor.unixServers().get(0).mode()).isEqualTo(0666);
        assertThat(reactor.unixServers().get(0).wantPID()).isFalse();
    }

    @Test
    void listenFailureArrivesAsAFailedDeferredNotAThrow() {
        CannotListenError error = new CannotListenError("", 80, new IOException("Address already in use"));
        ThrowingReactor throwing = new ThrowingReactor(error);

        assertThat(Outcome.of(new TCP4ServerEndpoint(throwing, 80).listen(factory)).failure()).isSameAs(error);
        assertThat(Outcome.of(new TCP6ServerEndpoint(throwing, 80).listen(factory)).failure()).isSameAs(error);
        assertThat(Outcome.of(new UNIXServerEndpoint(throwing, Path.of("/s")).listen(factory)).failure())
                .isSameAs(error);
    }

    @Test
    void serverFromStringListensWithTheDescribedArguments() {
        Endpoints.serverFromString(reactor, "tcp:8080:interface=127.0.0.1:backlog=5").listen(factory);
        Endpoints.serverFromString(reactor, "tcp6:8443:interface=\\:\\:1").listen(factory);
        Endpoints.serverFromString(reactor, "unix:/run/x.sock:mode=660:lockfile=0").listen(factory);

        assertThat(reactor.tcpServers().get(0)).extracting("port", "bindInterface", "backlog")
                .containsExactly(8080, "127.0.0.1", 5);
        assertThat(reactor.tcpServers().get(1)).extracting("port", "bindInterface", "backlog")
                .containsExactly(8443, "::1", ReactorTCP.DEFAULT_BACKLOG);
        assertThat(reactor.unixServers().get(0)).extracting("path", "mode", "wantPID")
                .containsExactly(Path.of("/run/x.sock"), 0660, false);
    }
}
