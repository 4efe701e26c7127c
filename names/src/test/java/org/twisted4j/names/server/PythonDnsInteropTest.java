package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.names.DnsClient;
import org.twisted4j.names.DnsNameError;
import org.twisted4j.names.LookupResult;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Python's DNS peers against ours: Python Twisted's {@code twist dns} answering our {@link DnsClient}, its
 * {@code client.Resolver} asking our server ({@code twisted_client.py}), and dnspython asking our server
 * ({@code dnspython_client.py}).
 */
@ExtendWith(TrialExtension.class)
class PythonDnsInteropTest {

    /** The records of {@code big.example.com} in {@code interop.zone}. */
    private static final int BIG_RRSET = 40;

    private static Path resource(String name) throws Exception {
        return Path.of(Objects.requireNonNull(PythonDnsInteropTest.class.getResource(name)).toURI());
    }

    @Test
    void ourClientAsksTwistedsServer(NioReactor reactor) throws Exception {
        int port = ExternalServer.freePort();
        ExternalServer twisted = ExternalServer.start(reactor, "twist dns", List.of(
                Peer.PYTHON_TWISTED.require().toString(), "-m", "twisted", "dns",
                "--pyzone=" + resource("twisted_zone.py"), "--port=" + port, "--interface=127.0.0.1"), port);
        try {
            DnsClient client = new DnsClient(reactor, reactor, reactor, List.of(DnsClient.address("127.0.0.1", port)),
                    List.of(2.0, 5.0));
            assertThat(texts(Coroutine.await(client.lookupAddress("www.twisted.test"))))
                    .containsExactly("www.twisted.test. 1209600 IN A 192.0.2.3");
            assertThat(texts(Coroutine.await(client.lookupIPV6Address("www.twisted.test"))))
                    .containsExactly("www.twisted.test. 1209600 IN AAAA 2001:db8::3");
            assertThat(texts(Coroutine.await(client.lookupMailExchange("twisted.test"))))
                    .containsExactly("twisted.test. 1209600 IN MX 10 mail.twisted.test.");
            assertThat(texts(Coroutine.await(client.lookupService("_sip._tcp.twisted.test"))))
                    .containsExactly("_sip._tcp.twisted.test. 1209600 IN SRV 10 5 5060 mail.twisted.test.");
            assertThat(texts(Coroutine.await(client.lookupText("txt.twisted.test"))))
                    .containsExactly("txt.twisted.test. 1209600 IN TXT \"hello world\"");
            // Twisted's authority answers a CNAME with every record of its target, whatever the type asked.
            assertThat(texts(Coroutine.await(client.lookupAddress("alias.twisted.test"))))
                    .containsExactly("alias.twisted.test. 1209600 IN CNAME www.twisted.test.",
                            "www.twisted.test. 1209600 IN A 192.0.2.3", "www.twisted.test. 1209600 IN AAAA 2001:db8::3");
            assertThat(Coroutine.await(client.getHostByName("alias.twisted.test"))).isEqualTo("192.0.2.3");
            assertThatThrownBy(() -> Coroutine.await(client.lookupAddress("nothere.twisted.test")))
                    .isInstanceOf(DnsNameError.class);
        } finally {
            twisted.stop(reactor);
        }
    }

    /** Twisted's Python zones give records without a TTL the SOA's expire time, as its server does here. */
    private static List<String> texts(LookupResult result) {
        return result.answers().stream().map(ResourceRecord::toText).toList();
    }

    @Test
    void dnspythonAsksOurServerOverUdpAndTcp(NioReactor reactor) throws Exception {
        DnsService service = new DnsService(reactor, new DNSServerFactory(List.of(new Authority(
                Zone.fromFile(DigInteropTest.zoneFile())))), 0, "127.0.0.1");
        service.startService();
        try {
            DigInteropTest.Run run = DigInteropTest.run(reactor, List.of(Peer.DNSPYTHON.require().toString(),
                    resource("dnspython_client.py").toString(), String.valueOf(service.port()), "A www.example.com",
                    "MX example.com", "TXT txt.example.com", "A nothere.example.com", "TXT big.example.com"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            List<String> lines = run.stdout().lines().toList();
            assertThat(lines.subList(0, 13)).containsExactly(
                    "? A www.example.com via udp", "NOERROR", "www.example.com. 3600 IN A 192.0.2.3",
                    "? MX example.com via udp", "NOERROR", "example.com. 3600 IN MX 10 mail.example.com.",
                    "? TXT txt.example.com via udp", "NOERROR",
                    "txt.example.com. 3600 IN TXT \"hello \\\"world\\\"\" \"second string\"",
                    "? A nothere.example.com via udp", "NXDOMAIN",
                    "? TXT big.example.com via tcp", "NOERROR");
            assertThat(lines.subList(13, lines.size())).hasSize(BIG_RRSET);
        } finally {
            Coroutine.await(service.stopService());
        }
    }

    @Test
    void twistedsClientAsksOurServer(NioReactor reactor) throws Exception {
        DnsService service = new DnsService(reactor, new DNSServerFactory(List.of(new Authority(
                Zone.fromFile(DigInteropTest.zoneFile())))), 0, "127.0.0.1");
        service.startService();
        try {
            List<String> command = new ArrayList<>(List.of(Peer.PYTHON_TWISTED.require().toString(),
                    resource("twisted_client.py").toString(), String.valueOf(service.port())));
            command.addAll(List.of("A www.example.com", "AAAA ns1.example.com", "MX example.com",
                    "A alias.example.com", "TXT txt.example.com", "SRV _sip._tcp.example.com", "A nothere.example.com",
                    "A www.example.org", "TXT big.example.com"));
            DigInteropTest.Run run = DigInteropTest.run(reactor, command);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            List<String> lines = run.stdout().lines().toList();
            assertThat(lines.subList(0, 18)).containsExactly(
                    "? A www.example.com", "www.example.com A <A address=192.0.2.3 ttl=3600>",
                    "? AAAA ns1.example.com", "ns1.example.com AAAA <AAAA address=2001:db8::1 ttl=3600>",
                    "? MX example.com", "example.com MX <MX preference=10 name=mail.example.com ttl=3600>",
                    "? A alias.example.com", "alias.example.com CNAME <CNAME name=www.example.com ttl=3600>",
                    "www.example.com A <A address=192.0.2.3 ttl=3600>",
                    "? TXT txt.example.com",
                    "txt.example.com TXT <TXT data=['hello \"world\"', 'second string'] ttl=3600>",
                    "? SRV _sip._tcp.example.com",
                    "_sip._tcp.example.com SRV <SRV priority=10 weight=5 target=mail.example.com port=5060 ttl=3600>",
                    "? A nothere.example.com", "NXDOMAIN",
                    "? A www.example.org", "REFUSED",
                    "? TXT big.example.com");
            // Too large for UDP: Twisted's client saw TC and asked again over TCP for the whole RRset.
            assertThat(lines.subList(18, lines.size())).hasSize(BIG_RRSET)
                    .allMatch(line -> line.startsWith("big.example.com TXT <TXT data=['xxxx"));
        } finally {
            Coroutine.await(service.stopService());
        }
    }
}
