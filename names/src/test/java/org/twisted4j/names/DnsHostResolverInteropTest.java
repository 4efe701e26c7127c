package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.HostnameEndpoint;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.names.server.DNSServerFactory;
import org.twisted4j.names.server.DnsService;
import org.twisted4j.trial.TrialExtension;

/**
 * A {@link HostnameEndpoint} that looks its host up through {@link DnsHostResolver} and a {@link DnsClient}
 * asking our DNS server over real UDP, then connects to what it was told.
 */
@ExtendWith(TrialExtension.class)
class DnsHostResolverInteropTest {
    /** A protocol that only holds its connection. */
    private static final class Idle extends Protocol {
    }

    private NioReactor reactor;
    private DnsService dns;
    private ListeningPort listening;

    @BeforeEach
    void start(NioReactor reactor) {
        this.reactor = reactor;
        Zone zone = Zone.builder("corp.test")
                .soa(300, "ns.corp.test", "hostmaster.corp.test", 1, 7200, 900, 1209600, 300)
                .add("app.corp.test", 60, ARecord.of("127.0.0.1"))
                .add("www.corp.test", 60, new CnameRecord(Name.of("app.corp.test")))
                .add("gone.corp.test", 60, ARecord.of("127.0.0.2"))
                .build();
        dns = new DnsService(reactor, new DNSServerFactory(List.of(new Authority(zone))), 0, "127.0.0.1");
        dns.startService();
        listening = reactor.listenTCP(0, Factory.forProtocol(Idle::new), 50, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(listening.stopListening());
        Coroutine.await(dns.stopService());
    }

    private HostnameEndpoint endpoint(String host) {
        DnsClient client = new DnsClient(reactor, reactor, reactor, List.of(DnsClient.address("127.0.0.1", dns.port())),
                List.of(2.0));
        DnsHostResolver names = new DnsHostResolver(client, List.of(Name.of("corp.test")), 1, false);
        int port = ((IPv4Address) listening.getHost()).port();
        return new HostnameEndpoint(reactor, names, host, port, 5, null, HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
    }

    @Test
    void aShortNameCompletedByTheSearchListAndACnameBothConnect() throws Exception {
        for (String host : List.of("app", "www.corp.test", "www")) {
            Protocol connected = Coroutine.await(Endpoints.connectProtocol(endpoint(host), new Idle()));
            assertThat(((IPv4Address) connected.transport().getPeer()).host()).as(host).isEqualTo("127.0.0.1");
            connected.transport().loseConnection();
        }
    }

    @Test
    void aNameTheServerDoesNotKnowFailsTheConnectionAsALookupError() {
        assertThatThrownBy(() -> Coroutine.await(Endpoints.connectProtocol(endpoint("nothere"), new Idle())))
                .isInstanceOf(DNSLookupError.class).hasMessageContaining("nothere");
    }
}
