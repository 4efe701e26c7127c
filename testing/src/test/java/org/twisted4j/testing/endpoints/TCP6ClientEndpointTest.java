package org.twisted4j.testing.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectingCancelledError;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.TCP6ClientEndpoint;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

class TCP6ClientEndpointTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final ScriptedResolver resolver = new ScriptedResolver();
    private final Factory factory = Factory.forProtocol(AccumulatingProtocol::new);

    private TCP6ClientEndpoint endpoint(String host) {
        return new TCP6ClientEndpoint(reactor, resolver, host, 443, 30, null);
    }

    @Test
    void ipv6LiteralIsConnectedToAtOnce() {
        endpoint("::1").connect(factory);

        assertThat(resolver.asked).isEmpty();
        assertThat(reactor.tcpClients().get(0).host()).isEqualTo("::1");
        assertThat(reactor.tcpClients().get(0).port()).isEqualTo(443);
    }

    @Test
    void nameIsLookedUpAndItsFirstIPv6AddressUsed() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));
        resolver.answer("192.0.2.1", "2001:db8::5", "2001:db8::6");

        MemoryReactor.TcpClient client = reactor.tcpClients().get(0);
        assertThat(client.host()).isEqualTo("2001:db8:0:0:0:0:0:5");
        client.factory().buildProtocol(client.connector().getDestination()).makeConnection(new StringTransport());
        assertThat(connected.value()).isInstanceOf(AccumulatingProtocol.class);
    }

    @Test
    void nameWithoutIPv6AddressFailsWithDNSLookupError() {
        Outcome<Protocol> connected = Outcome.of(endpoint("example.com").connect(factory));

        resolver.answer("192.0.2.1");

        assertThat(connected.failure()).isInstanceOf(DNSLookupError.class)
                .hasMessage("no IPv6 address for hostname lookup: example.com");
        assertThat(reactor.tcpClients()).isEmpty();
    }

    @Test
    void cancellingDuringTheLookupCancelsIt() {
        Deferred<Protocol> deferred = endpoint("example.com").connect(factory);
        Outcome<Protocol> connected = Outcome.of(deferred);

        deferred.cancel();

        assertThat(resolver.cancelled).isTrue();
        assertThat(connected.failure()).isInstanceOf(ConnectingCancelledError.class);
    }

    @Test
    void cancellingAfterTheLookupStopsTheConnector() {
        Deferred<Protocol> deferred = endpoint("example.com").connect(factory);
        Outcome<Protocol> connected = Outcome.of(deferred);
        resolver.answer("2001:db8::5");

        deferred.cancel();

        assertThat(reactor.tcpClients().get(0).connector().isStoppedConnecting()).isTrue();
        assertThat(connected.failure()).isInstanceOf(ConnectingCancelledError.class);
    }
}
