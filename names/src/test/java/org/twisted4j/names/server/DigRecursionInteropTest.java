package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.names.CacheResolver;
import org.twisted4j.names.DnsClient;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * dig asking a recursive server of ours ({@code twist dns -r -c}'s shape) on 127.0.0.1, which forwards to a second,
 * authoritative server of ours: answers and NXDOMAIN come through, and once the upstream server is gone, the
 * cache still answers, with TTLs no higher than the first time.
 */
@ExtendWith(TrialExtension.class)
class DigRecursionInteropTest {

    private NioReactor reactor;
    private DnsService upstream;
    private DnsService front;
    private boolean upstreamStopped;

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        upstream = new DnsService(reactor, new DNSServerFactory(List.of(new Authority(
                Zone.fromFile(DigInteropTest.zoneFile())))), 0, "127.0.0.1");
        upstream.startService();
        DnsClient client = new DnsClient(reactor, reactor, reactor,
                List.of(DnsClient.address("127.0.0.1", upstream.port())), List.of(2.0, 5.0));
        front = new DnsService(reactor, new DNSServerFactory(List.of(), new CacheResolver(reactor), List.of(client)),
                0, "127.0.0.1");
        front.startService();
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(front.stopService());
        if (!upstreamStopped) {
            Coroutine.await(upstream.stopService());
        }
    }

    private DigInteropTest.Run dig(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.DIG.require().toString(), "@127.0.0.1", "-p",
                String.valueOf(front.port()), "+time=5", "+tries=1", "+recurse"));
        command.addAll(List.of(arguments));
        DigInteropTest.Run run = DigInteropTest.run(reactor, command);
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        return run;
    }

    /** The TTL of each line of a section. */
    private static List<Long> ttls(List<String> lines) {
        return lines.stream().map(line -> Long.parseLong(line.split(" ")[1])).toList();
    }

    @Test
    void answersAndNxdomainAreForwardedThenServedFromTheCache() throws Exception {
        DigInteropTest.Run first = dig("www.example.com", "A");
        assertThat(first.stdout()).contains("status: NOERROR").containsPattern("flags: qr rd ra;");
        List<String> answer = DigInteropTest.section(first, "ANSWER");
        assertThat(answer).containsExactly("www.example.com. 3600 IN A 192.0.2.3");

        DigInteropTest.Run missing = dig("nothere.example.com", "A");
        assertThat(missing.stdout()).contains("status: NXDOMAIN").containsPattern("flags: qr rd ra;");
        List<String> soa = DigInteropTest.section(missing, "AUTHORITY");
        assertThat(soa).hasSize(1).allMatch(line -> line.equals("example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300"));

        Coroutine.await(upstream.stopService());
        upstreamStopped = true;

        DigInteropTest.Run cached = dig("WWW.example.com", "A");
        assertThat(cached.stdout()).contains("status: NOERROR").containsPattern("flags: qr rd ra;");
        List<String> again = DigInteropTest.section(cached, "ANSWER");
        assertThat(again).hasSize(1).allMatch(line -> line.endsWith(" IN A 192.0.2.3"));
        assertThat(ttls(again).get(0)).isLessThanOrEqualTo(ttls(answer).get(0));

        DigInteropTest.Run cachedMissing = dig("nothere.example.com", "A");
        assertThat(cachedMissing.stdout()).contains("status: NXDOMAIN");
        List<String> soaAgain = DigInteropTest.section(cachedMissing, "AUTHORITY");
        assertThat(soaAgain).hasSize(1);
        assertThat(ttls(soaAgain).get(0)).isLessThanOrEqualTo(ttls(soa).get(0));
    }

    @Test
    void aCnameChainIsForwardedWhole() throws Exception {
        DigInteropTest.Run alias = dig("alias.example.com", "A");
        assertThat(alias.stdout()).contains("status: NOERROR");
        assertThat(DigInteropTest.section(alias, "ANSWER")).containsExactly(
                "alias.example.com. 3600 IN CNAME www.example.com.", "www.example.com. 3600 IN A 192.0.2.3");
    }
}
