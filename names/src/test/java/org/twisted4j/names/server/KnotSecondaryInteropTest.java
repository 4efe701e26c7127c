package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.task.Tasks;
import org.twisted4j.names.DnsClient;
import org.twisted4j.names.DnsNameError;
import org.twisted4j.names.LookupResult;
import org.twisted4j.names.Name;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.authority.SecondaryAuthority;
import org.twisted4j.names.authority.TcpPrimary;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Knot DNS as the primary: our secondary transfers its zone over several AXFR messages, dig asked our server gets
 * Knot's records, and after the zone changes on Knot's side with a greater serial, Knot's NOTIFY brings the new
 * copy.
 */
@ExtendWith(TrialExtension.class)
class KnotSecondaryInteropTest {

    /** Enough records that Knot sends the transfer in several messages. */
    private static final int BULK = 3000;
    /** The TXT records of one name, too many for a UDP answer. */
    private static final int BIG = 40;

    @TempDir
    Path dir;

    private NioReactor reactor;
    private ExternalServer knot;
    private DnsService service;

    private String zoneText(long serial, String www) {
        StringBuilder text = new StringBuilder("$ORIGIN example.test.\n$TTL 3600\n"
                + "@ SOA ns admin " + serial + " 100 10 1000 60\n  NS ns\nns A 192.0.2.1\nwww A " + www + "\n"
                + "mail MX 10 ns\ntxt TXT \"hello world\"\n");
        for (int i = 0; i < BIG; i++) {
            text.append("big TXT \"").append("x".repeat(60)).append(i).append("\"\n");
        }
        for (int i = 0; i < BULK; i++) {
            text.append("bulk").append(i).append(" TXT \"record number ").append(i).append(" of the bulk\"\n");
        }
        return text.toString();
    }

    private Path config(int knotPort, int ourPort) throws Exception {
        Path conf = dir.resolve("knot.conf");
        Files.writeString(conf, """
                server:
                    listen: 127.0.0.1@%1$d
                    rundir: "%2$s"
                log:
                  - target: stderr
                    any: info
                database:
                    storage: "%2$s"
                remote:
                  - id: secondary
                    address: 127.0.0.1@%3$d
                acl:
                  - id: transfer
                    address: 127.0.0.1
                    action: transfer
                template:
                  - id: default
                    storage: "%2$s"
                zone:
                  - domain: example.test
                    file: "%2$s/example.test.zone"
                    acl: transfer
                    notify: secondary
                """.formatted(knotPort, dir, ourPort));
        return conf;
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            Coroutine.await(service.stopService());
        }
        if (knot != null) {
            knot.stop(reactor);
        }
    }

    /** Turns the reactor until the condition holds, for at most 20 seconds. */
    private void waitUntil(BooleanSupplier condition) throws Exception {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Coroutine.await(Tasks.deferLater(reactor, 0.05));
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private DigInteropTest.Run dig(String name, String type) throws Exception {
        return DigInteropTest.run(reactor, List.of(Peer.DIG.require().toString(), "@127.0.0.1", "-p",
                String.valueOf(service.port()), "+time=5", "+tries=1", "+norecurse", name, type));
    }

    @Test
    void ourClientAsksKnotOverUdpAndTcpAndTransfersItsZone(NioReactor reactor) throws Exception {
        this.reactor = reactor;
        Files.writeString(dir.resolve("example.test.zone"), zoneText(1, "192.0.2.80"));
        int knotPort = ExternalServer.freePort();
        Path conf = config(knotPort, ExternalServer.freePort());
        knot = ExternalServer.start(reactor, "knotd", List.of(Peer.KNOTD.require().toString(), "-c",
                conf.toString()), knotPort);
        DnsClient client = new DnsClient(reactor, reactor, reactor, List.of(DnsClient.address("127.0.0.1", knotPort)),
                List.of(2.0, 5.0));
        assertThat(Coroutine.await(client.getHostByName("www.example.test"))).isEqualTo("192.0.2.80");
        assertThat(Coroutine.await(client.lookupMailExchange("mail.example.test")).answers())
                .extracting(ResourceRecord::toText).containsExactly("mail.example.test. 3600 IN MX 10 ns.example.test.");
        assertThatThrownBy(() -> Coroutine.await(client.lookupAddress("nothere.example.test")))
                .isInstanceOf(DnsNameError.class);
        // Too large for a UDP answer: Knot sets TC and the client asks again over TCP.
        assertThat(Coroutine.await(client.lookupText("big.example.test")).answers()).hasSize(BIG);
        LookupResult zone = Coroutine.await(client.lookupZone("example.test"));
        assertThat(zone.answers()).hasSize(BULK + BIG + 7);
        assertThat(zone.answers().get(0).type()).isEqualTo(RecordType.SOA);
        client.closeConnections();
    }

    @Test
    void theZoneIsTransferredFromKnotAndFollowsItsNotify(NioReactor reactor) throws Exception {
        this.reactor = reactor;
        Path zoneFile = dir.resolve("example.test.zone");
        Files.writeString(zoneFile, zoneText(1, "192.0.2.80"));
        int knotPort = ExternalServer.freePort();
        int ourPort = ExternalServer.freePort();
        Path conf = config(knotPort, ourPort);
        knot = ExternalServer.start(reactor, "knotd", List.of(Peer.KNOTD.require().toString(), "-c",
                conf.toString()), knotPort);

        SecondaryAuthority secondary = new SecondaryAuthority(reactor, Name.of("example.test"),
                new TcpPrimary(reactor, reactor, "127.0.0.1", knotPort));
        DNSServerFactory server = new DNSServerFactory(List.of()).addSecondary(secondary, "127.0.0.1");
        service = new DnsService(reactor, server, ourPort, "127.0.0.1");
        service.startService();
        waitUntil(() -> secondary.transfers() == 1);
        assertThat(secondary.authority().zone().records()).hasSize(BULK + BIG + 6);

        DigInteropTest.Run www = dig("www.example.test", "A");
        assertThat(www.exitCode()).as(www.stderr()).isZero();
        assertThat(www.stdout()).contains("status: NOERROR").contains("flags: qr aa");
        assertThat(DigInteropTest.section(www, "ANSWER"))
                .containsExactly("www.example.test. 3600 IN A 192.0.2.80");
        DigInteropTest.Run mx = dig("mail.example.test", "MX");
        assertThat(DigInteropTest.section(mx, "ANSWER"))
                .containsExactly("mail.example.test. 3600 IN MX 10 ns.example.test.");
        DigInteropTest.Run bulk = dig("bulk2999.example.test", "TXT");
        assertThat(DigInteropTest.section(bulk, "ANSWER"))
                .containsExactly("bulk2999.example.test. 3600 IN TXT \"record number 2999 of the bulk\"");

        Files.writeString(zoneFile, zoneText(2, "192.0.2.81"));
        DigInteropTest.Run reload = DigInteropTest.run(reactor, List.of(Peer.KNOTC.require().toString(), "-c",
                conf.toString(), "zone-reload", "example.test"));
        assertThat(reload.exitCode()).as(reload.stdout() + reload.stderr()).isZero();
        DigInteropTest.Run notify = DigInteropTest.run(reactor, List.of(Peer.KNOTC.require().toString(), "-c",
                conf.toString(), "zone-notify", "example.test"));
        assertThat(notify.exitCode()).as(notify.stdout() + notify.stderr()).isZero();
        waitUntil(() -> secondary.transfers() == 2);
        assertThat(DigInteropTest.section(dig("www.example.test", "A"), "ANSWER"))
                .containsExactly("www.example.test. 3600 IN A 192.0.2.81");
        String said = knot.stop(reactor);
        knot = null;
        assertThat(said)
                .containsPattern("AXFR, outgoing.*finished, [0-9.]+ seconds, ([2-9]|[1-9][0-9]+) messages")
                .contains("notify, outgoing, remote 127.0.0.1@" + ourPort + ", serial 2");
    }
}
