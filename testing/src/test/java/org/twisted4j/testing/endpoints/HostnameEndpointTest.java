package org.twisted4j.testing.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.ConnectingCancelledError;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.HostnameEndpoint;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.FakeConnector;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class HostnameEndpointTest {
    private static final String V4A = "192.0.2.1";
    private static final String V4B = "192.0.2.2";
    private static final String V6A = "2001:db8:0:0:0:0:0:1";
    private static final String V6B = "2001:db8:0:0:0:0:0:2";

    private final MemoryReactor reactor = new MemoryReactor();
    private final ScriptedResolver resolver = new ScriptedResolver();
    private final Factory factory = Factory.forProtocol(AccumulatingProtocol::new);

    private HostnameEndpoint endpoint(String host) {
        return new HostnameEndpoint(reactor, resolver, host, 80, 10, null, HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
    }

    private List<String> hostsTried() {
        return reactor.tcpClients().stream().map(MemoryReactor.TcpClient::host).toList();
    }

    private FakeConnector connector(int index) {
        return reactor.tcpClients().get(index).connector();
    }

    private void connect(int index) {
        MemoryReactor.TcpClient client = reactor.tcpClients().get(index);
        Protocol wrapper = client.factory().buildProtocol(client.connector().getDestination());
        wrapper.makeConnection(new StringTransport());
    }

    private void refuse(int index) {
        connector(index).failConnection(new ConnectionRefusedError(connector(index).getDestination()));
    }

    @Test
    void nameIsLookedUpWithTheResolverBeforeConnecting() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));

        assertThat(resolver.asked).containsExactly("example.com");
        assertThat(reactor.tcpClients()).isEmpty();
        assertThat(connected.fired()).isFalse();
    }

    @Test
    void addressLiteralIsConnectedToWithoutALookup() {
        endpoint("192.0.2.7").connect(factory);

        assertThat(resolver.asked).isEmpty();
        assertThat(hostsTried()).containsExactly("192.0.2.7");
    }

    @Test
    void eachAttemptUsesThePortTimeoutAndBindAddress() {
        InetSocketAddress local = new InetSocketAddress("192.0.2.99", 0);
        new HostnameEndpoint(reactor, resolver, "example.com", 8443, 4.5, local, 0.3).connect(factory);
        resolver.answer(V4A, V4B);
        reactor.advance(0.3);

        assertThat(reactor.tcpClients()).hasSize(2).allSatisfy(client -> {
            assertThat(client.port()).isEqualTo(8443);
            assertThat(client.timeout()).isEqualTo(4.5);
            assertThat(client.bindAddress()).isEqualTo(local);
        });
    }

    @Test
    void firstAddressIsTriedAtOnceAndTheNextOnlyAfterTheAttemptDelay() {
        endpoint("example.com").connect(factory);
        resolver.answer(V4A, V4B, "192.0.2.3");

        assertThat(hostsTried()).containsExactly(V4A);
        reactor.advance(0.29);
        assertThat(hostsTried()).containsExactly(V4A);
        reactor.advance(0.01);
        assertThat(hostsTried()).containsExactly(V4A, V4B);
        reactor.advance(0.3);
        assertThat(hostsTried()).containsExactly(V4A, V4B, "192.0.2.3");
    }

    @Test
    void attemptsAlternateBetweenIPv6AndIPv4() {
        endpoint("example.com").connect(factory);
        resolver.answer("2001:db8::1", "2001:db8::2", V4A, V4B);

        reactor.advance(0.3);
        reactor.advance(0.3);
        reactor.advance(0.3);

        assertThat(hostsTried()).containsExactly(V6A, V4A, V6B, V4B);
    }

    @Test
    void attemptDelayCanBeChosen() {
        new HostnameEndpoint(reactor, resolver, "example.com", 80, 30, null, 1.0).connect(factory);
        resolver.answer(V4A, V4B);

        reactor.advance(0.9);
        assertThat(hostsTried()).containsExactly(V4A);
        reactor.advance(0.1);
        assertThat(hostsTried()).containsExactly(V4A, V4B);
    }

    @Test
    void firstConnectionMadeWinsAndTheOthersAreStopped() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));
        resolver.answer(V4A, V4B, "192.0.2.3");
        reactor.advance(0.3);

        connect(1);

        assertThat(connected.value()).isInstanceOf(AccumulatingProtocol.class);
        assertThat(((AccumulatingProtocol) connected.value()).isMade()).isTrue();
        assertThat(connector(0).isStoppedConnecting()).isTrue();
        assertThat(connector(1).isStoppedConnecting()).isFalse();
        reactor.advance(10);
        assertThat(hostsTried()).containsExactly(V4A, V4B);
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    @Test
    void aFailedAttemptDoesNotEndTheRaceWhileAddressesRemain() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));
        resolver.answer(V4A, V4B);

        reactor.advance(0.1);
        refuse(0);
        assertThat(connected.fired()).isFalse();

        reactor.advance(0.2);
        connect(1);
        assertThat(connected.value()).isInstanceOf(AccumulatingProtocol.class);
    }

    @Test
    void whenEveryAttemptFailsTheLastFailureIsReported() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));
        resolver.answer(V4A, V4B);
        reactor.advance(0.3);

        refuse(1);
        assertThat(connected.fired()).isFalse();
        refuse(0);

        assertThat(connected.failure()).isInstanceOf(ConnectionRefusedError.class)
                .hasMessageContaining(V4A);
    }

    @Test
    void failureIsReportedAsSoonAsTheLastAddressHasBeenTriedAndFailed() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));
        resolver.answer(V4A);

        refuse(0);

        assertThat(connected.failure()).isInstanceOf(ConnectionRefusedError.class);
        assertThat(reactor.getDelayedCalls()).isEmpty();
    }

    @Test
    void nameWithoutAddressesFailsWithDNSLookupError() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));

        resolver.answer();

        assertThat(connected.failure()).isInstanceOf(DNSLookupError.class)
                .hasMessage("no results for hostname lookup: example.com");
    }

    @Test
    void failedLookupFailsWithDNSLookupErrorCarryingTheCause() {
        Outcome<Protocol> connected = Outcome.of(endpoint("nowhere.invalid").connect(factory));
        UnknownHostException unknown = new UnknownHostException("nowhere.invalid: Name or service not known");

        resolver.lookups.get(0).errback(unknown);

        assertThat(connected.failure()).isInstanceOf(DNSLookupError.class)
                .hasMessageStartingWith("couldn't find the hostname 'nowhere.invalid'")
                .hasCause(unknown);
    }

    @Test
    void resolverThatThrowsFailsWithDNSLookupError() {
        HostnameEndpoint throwing = new HostnameEndpoint(reactor, host -> {
            throw new IllegalStateException("resolver broken");
        }, "example.com", 80, 30, null, 0.3);

        assertThat(Outcome.of(throwing.connect(factory)).failure()).isInstanceOf(DNSLookupError.class)
                .hasMessageContaining("resolver broken");
    }

    @Test
    void cancellingDuringTheLookupCancelsItAndFailsWithConnectingCancelled() {
        Deferred<Protocol> deferred = endpoint("example.com").connect(factory);
        Outcome<Protocol> connected = Outcome.of(deferred);

        deferred.cancel();

        assertThat(resolver.cancelled).isTrue();
        assertThat(connected.failure()).isInstanceOf(ConnectingCancelledError.class)
                .hasMessage("connecting to example.com:80 was cancelled");
        assertThat(reactor.tcpClients()).isEmpty();
    }

    @Test
    void cancellingDuringTheRaceStopsEveryAttemptAndStartsNoMore() {
        Deferred<Protocol> deferred = endpoint("example.com").connect(factory);
        Outcome<Protocol> connected = Outcome.of(deferred);
        resolver.answer(V4A, V4B, "192.0.2.3");
        reactor.advance(0.3);

        deferred.cancel();

        assertThat(connector(0).isStoppedConnecting()).isTrue();
        assertThat(connector(1).isStoppedConnecting()).isTrue();
        assertThat(connected.failure()).isInstanceOf(ConnectingCancelledError.class)
                .hasMessage("connecting to example.com:80 was cancelled");
        reactor.advance(10);
        assertThat(reactor.tcpClients()).hasSize(2);
        assertThat(factory.numPorts()).isZero();
    }

    @Test
    void toStringShowsHostAndPortBracketingIPv6() {
        assertThat(endpoint("example.com")).hasToString("HostnameEndpoint[example.com:80]");
        assertThat(endpoint("::1")).hasToString("HostnameEndpoint[[::1]:80]");
    }

    @Test
    void destinationsAreTheResolvedAddresses() {
        endpoint("example.com").connect(factory);
        resolver.answer(V4A);

        assertThat(connector(0).getDestination()).isEqualTo(new IPv4Address(AddressType.TCP, V4A, 80));
    }
}
