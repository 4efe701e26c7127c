package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.names.Name;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** dig, BIND's lookup tool, against the server on 127.0.0.1: every record type, negative answers, AXFR, TC, EDNS. */
@ExtendWith(TrialExtension.class)
class DigInteropTest {

    /** What dig did: its exit code and output. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private NioReactor reactor;
    private Zone zone;
    private DnsService service;
    private int port;

    static Path zoneFile() {
        try {
            return Path.of(Objects.requireNonNull(DigInteropTest.class.getResource("interop.zone")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void listen(NioReactor reactor) {
        this.reactor = reactor;
        zone = Zone.fromFile(zoneFile());
        service = start(List.of("127.0.0.1"));
        port = service.port();
    }

    private DnsService start(List<String> allowTransfer) {
        DNSServerFactory server = new DNSServerFactory(List.of(new Authority(zone))).setAllowTransfer(allowTransfer);
        DnsService started = new DnsService(reactor, server, 0, "127.0.0.1");
        started.startService();
        return started;
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(service.stopService());
    }

    private Run dig(int serverPort, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.DIG.require().toString(), "@127.0.0.1", "-p",
                String.valueOf(serverPort), "+time=5", "+tries=1", "+norecurse"));
        command.addAll(List.of(arguments));
        return run(reactor, command);
    }

    /** Runs dig (or any command) off the reactor thread, waiting at most 30 seconds. */
    static Run run(NioReactor reactor, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            Path err = Files.createTempFile("dig", ".err");
            builder.redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, out, "dig did not finish in 30 seconds");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(err);
            return new Run(process.exitValue(), out, stderr);
        }));
    }

    private Run dig(String... arguments) throws Exception {
        Run run = dig(port, arguments);
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        return run;
    }

    /** The lines of a section of dig's output, blanks collapsed. */
    static List<String> section(Run run, String name) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith(";; " + name + " SECTION:")) {
                in = true;
            } else if (in && (line.isBlank() || line.startsWith(";;"))) {
                in = false;
            } else if (in) {
                lines.add(line.trim().replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    private static List<String> records(Run run) {
        List<String> lines = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            if (!line.isBlank() && !line.startsWith(";")) {
                lines.add(line.trim().replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    /**
     * Presentation forms differ in what does not change the data: BIND writes hex in upper case, base64 unsplit
     * and SVCB values unquoted where dnspython splits and quotes; so blanks and quotes are dropped and case
     * folded before comparing.
     */
    private static String normalized(String text) {
        return text.replaceAll("[\\s\"]+", "").toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void everyRecordTypeIsAnsweredAsItsZoneFileSays() throws Exception {
        Map<String, List<ResourceRecord>> sets = new LinkedHashMap<>();
        for (ResourceRecord record : zone.records()) {
            if (record.name().toString().startsWith("big.")
                    || record.name().isSubdomainOf(Name.of("sub.example.com"))) {
                continue;
            }
            sets.computeIfAbsent(record.name() + " " + RecordType.toText(record.type()), k -> new ArrayList<>())
                    .add(record);
        }
        assertThat(sets).hasSizeGreaterThanOrEqualTo(28);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, List<ResourceRecord>> set : sets.entrySet()) {
            String[] nameAndType = set.getKey().split(" ");
            Run run = dig("+noall", "+answer", "+nosplit", "+nomultiline", nameAndType[0], nameAndType[1]);
            List<String> expected = set.getValue().stream().map(r -> normalized(r.toText())).toList();
            List<String> answered = records(run).stream().map(DigInteropTest::normalized).toList();
            if (!answered.equals(expected)) {
                mismatches.add("expected " + expected + " but dig printed " + answered);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void missingNamesAreNxdomainAndMissingTypesNodataWithTheSoa() throws Exception {
        Run nxdomain = dig("nothing.example.com", "A");
        assertThat(nxdomain.stdout()).contains("status: NXDOMAIN").containsPattern("flags: qr aa;");
        assertThat(section(nxdomain, "AUTHORITY")).containsExactly(
                "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 900 1209600 300");
        Run nodata = dig("www.example.com", "MX");
        assertThat(nodata.stdout()).contains("status: NOERROR").contains("ANSWER: 0,");
        assertThat(section(nodata, "AUTHORITY")).hasSize(1).allMatch(line -> line.contains(" SOA "));
    }

    @Test
    void wildcardsAnswerForNamesThatDoNotExist() throws Exception {
        Run run = dig("+noall", "+answer", "anything.wild.example.com", "A");
        assertThat(records(run)).containsExactly("anything.wild.example.com. 3600 IN A 192.0.2.4");
    }

    @Test
    void delegatedNamesGetAReferralWithGlue() throws Exception {
        Run run = dig("host.sub.example.com", "A");
        assertThat(run.stdout()).contains("status: NOERROR").containsPattern("flags: qr;");
        assertThat(section(run, "AUTHORITY")).containsExactly("sub.example.com. 3600 IN NS ns.sub.example.com.");
        assertThat(section(run, "ADDITIONAL")).contains("ns.sub.example.com. 3600 IN A 192.0.2.7");
    }

    @Test
    void zoneTransfersGoToAllowedAddressesOnly() throws Exception {
        assertWholeZone(dig("axfr", "example.com"));
        assertRefusedWithoutPermission("axfr");
    }

    /** The zone in AXFR's form: every record, the SOA first and again last. */
    private void assertWholeZone(Run run) {
        List<String> records = records(run);
        assertThat(records).hasSize(zone.records().size() + 1);
        assertThat(records.get(0)).contains(" SOA ");
        assertThat(records.get(records.size() - 1)).isEqualTo(records.get(0));
    }

    /** A server allowing nobody refuses the transfer. */
    private void assertRefusedWithoutPermission(String transfer) throws Exception {
        DnsService closed = start(List.of());
        try {
            Run refused = dig(closed.port(), transfer, "example.com");
            assertThat(refused.stdout()).contains("Transfer failed");
        } finally {
            Coroutine.await(closed.stopService());
        }
    }

    @Test
    void ixfrGivesTheSoaAloneWhenCurrentOrOverUdpAndTheWholeZoneOtherwise() throws Exception {
        Run current = dig("ixfr=2024010101", "example.com");
        assertThat(records(current)).singleElement().asString().contains(" SOA ").contains(" 2024010101 ");
        Run udp = dig("+notcp", "ixfr=2024010100", "example.com");
        assertThat(records(udp)).singleElement().asString().contains(" SOA ");
        assertWholeZone(dig("ixfr=2024010100", "example.com"));
        assertRefusedWithoutPermission("ixfr=2024010100");
    }

    @Test
    void largeAnswersAreTruncatedOverUdpAndDigRetriesOverTcp() throws Exception {
        Run udpOnly = dig("+ignore", "big.example.com", "TXT");
        assertThat(udpOnly.stdout()).containsPattern("flags: qr aa tc;");
        Run retried = dig("big.example.com", "TXT");
        assertThat(retried.stdout()).contains("Truncated, retrying in TCP mode").contains("ANSWER: 40,");
        assertThat(section(retried, "ANSWER")).hasSize(40);
    }

    @Test
    void ednsIsAnsweredWithOptAndDnssecQueriesGetSignatures() throws Exception {
        Run plain = dig("+noedns", "www.example.com", "A");
        assertThat(plain.stdout()).doesNotContain("OPT PSEUDOSECTION");
        Run edns = dig("www.example.com", "A");
        assertThat(edns.stdout()).contains("; EDNS: version: 0, flags:; udp: 1232");
        assertThat(section(edns, "ANSWER")).containsExactly("www.example.com. 3600 IN A 192.0.2.3");
        Run dnssec = dig("+dnssec", "www.example.com", "A");
        assertThat(dnssec.stdout()).contains("; EDNS: version: 0, flags: do; udp: 1232");
        assertThat(section(dnssec, "ANSWER")).hasSize(2).anyMatch(line -> line.contains(" RRSIG A 8 3 3600 "));
        Run badvers = dig("+edns=1", "+noednsnegotiation", "www.example.com", "A");
        assertThat(badvers.stdout()).contains("status: BADVERS");
    }

    @Test
    void namesOutsideTheZoneAreRefused() throws Exception {
        assertThat(dig("www.example.org", "A").stdout()).contains("status: REFUSED");
    }
}
