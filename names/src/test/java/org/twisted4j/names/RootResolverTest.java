package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.names.server.DNSServerFactory;
import org.twisted4j.names.server.DnsService;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.trial.TrialExtension;

/**
 * The iterative resolver through a small DNS tree of our own servers on loopback addresses, one port for all:
 * a root on 127.0.0.11 delegating {@code test.} (127.0.0.12) and {@code other.} (127.0.0.13), which holds
 * {@code example.test.} and {@code noglue.test.}, whose name server is only found by asking the roots again.
 */
@ExtendWith(TrialExtension.class)
class RootResolverTest {
    private static final String ROOT = "127.0.0.11";
    private static final String TLD = "127.0.0.12";
    private static final String LEAF = "127.0.0.13";

    private final List<DnsService> services = new ArrayList<>();
    private RootResolver resolver;

    private static Zone.Builder zone(String origin, String ns) {
        return Zone.builder(origin).soa(60, ns, "hostmaster." + ns, 1, 7200, 900, 1209600, 60)
                .add(origin, 60, new NsRecord(Name.of(ns)));
    }

    private void serve(NioReactor reactor, String address, int port, Zone... zones) {
        List<Authority> authorities = java.util.Arrays.stream(zones).map(Authority::new).toList();
        DnsService service = new DnsService(reactor, new DNSServerFactory(authorities), port, address);
        service.startService();
        services.add(service);
    }

    @BeforeEach
    void tree(NioReactor reactor) throws Exception {
        int port = ExternalServer.freePort();
        serve(reactor, ROOT, port, zone(".", "a.root-servers.test")
                .add("a.root-servers.test", 60, ARecord.of(ROOT))
                .add("test", 60, new NsRecord(Name.of("ns.test"))).add("ns.test", 60, ARecord.of(TLD))
                .add("other", 60, new NsRecord(Name.of("ns.other"))).add("ns.other", 60, ARecord.of(LEAF))
                .build());
        serve(reactor, TLD, port, zone("test", "ns.test").add("ns.test", 60, ARecord.of(TLD))
                .add("example.test", 60, new NsRecord(Name.of("ns.example.test")))
                .add("ns.example.test", 60, ARecord.of(LEAF))
                .add("noglue.test", 60, new NsRecord(Name.of("ns.other")))
                .add("loop.test", 60, new NsRecord(Name.of("ns.loop.test"))).add("ns.loop.test", 60, ARecord.of(TLD))
                .build());
        serve(reactor, LEAF, port,
                zone("example.test", "ns.example.test").add("ns.example.test", 60, ARecord.of(LEAF))
                        .add("www.example.test", 60, ARecord.of("192.0.2.1"))
                        .add("alias.example.test", 60, new CnameRecord(Name.of("www.example.test")))
                        .add("ext.example.test", 60, new CnameRecord(Name.of("www.noglue.test"))).build(),
                zone("noglue.test", "ns.other").add("www.noglue.test", 60, ARecord.of("192.0.2.9")).build(),
                zone("other", "ns.other").add("ns.other", 60, ARecord.of(LEAF)).build());
        resolver = new RootResolver(reactor, reactor, reactor, List.of(ROOT), port,
                RootResolver.DEFAULT_MAXIMUM_QUERIES);
    }

    @AfterEach
    void stop() throws Exception {
        for (DnsService service : services) {
            Coroutine.await(service.stopService());
        }
    }

    private static List<String> answers(LookupResult result) {
        return result.answers().stream().map(ResourceRecord::toText).toList();
    }

    @Test
    void referralsWithGlueAreFollowedDownToTheAuthority() throws Exception {
        assertThat(answers(Coroutine.await(resolver.lookupAddress("www.example.test"))))
                .containsExactly("www.example.test. 60 IN A 192.0.2.1");
        assertThat(answers(Coroutine.await(resolver.lookupAddress("alias.example.test"))))
                .containsExactly("alias.example.test. 60 IN CNAME www.example.test.",
                        "www.example.test. 60 IN A 192.0.2.1");
    }

    @Test
    void aNameServerWithoutGlueAndACnameIntoAnotherZoneAreLookedUpFromTheRoots() throws Exception {
        assertThat(answers(Coroutine.await(resolver.lookupAddress("www.noglue.test"))))
                .containsExactly("www.noglue.test. 60 IN A 192.0.2.9");
        assertThat(answers(Coroutine.await(resolver.lookupAddress("ext.example.test"))))
                .containsExactly("ext.example.test. 60 IN CNAME www.noglue.test.", "www.noglue.test. 60 IN A 192.0.2.9");
        assertThat(Coroutine.await(resolver.getHostByName("ext.example.test"))).isEqualTo("192.0.2.9");
    }

    @Test
    void nxdomainAndNodataComeFromTheAuthority() throws Exception {
        assertThatThrownBy(() -> Coroutine.await(resolver.lookupAddress("nothere.example.test")))
                .isInstanceOfSatisfying(DnsNameError.class, e -> assertThat(e.response().authority())
                        .extracting(ResourceRecord::type).containsExactly(RecordType.SOA));
        LookupResult nodata = Coroutine.await(resolver.lookupMailExchange("www.example.test"));
        assertThat(nodata.answers()).isEmpty();
        assertThat(nodata.authority()).extracting(ResourceRecord::type).containsExactly(RecordType.SOA);
    }

    @Test
    void aDelegationLoopStopsAtTheQueryLimit() {
        assertThatThrownBy(() -> Coroutine.await(resolver.lookupAddress("www.loop.test")))
                .isInstanceOf(ResolverError.class).hasMessageContaining("query limit");
    }
}
