package org.twisted4j.names.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.Service;
import org.twisted4j.application.UsageError;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.Message;
import org.twisted4j.names.Query;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.testing.MemoryReactor;

/** {@code twist dns}'s options: zones from files and classes, recursion, and the options not built refused. */
class DnsPluginTest {

    @TempDir
    Path dir;

    private final DnsPlugin plugin = new DnsPlugin();
    private final MemoryReactor reactor = new MemoryReactor();

    /** A zone for {@code --zone-class}. */
    public static final class JavaZone implements Supplier<Zone> {
        /** Made by the plugin. */
        public JavaZone() {
        }

        @Override
        public Zone get() {
            return Zone.builder("example.org").soa(60, "ns.example.org", "admin.example.org", 1, 2, 3, 4, 5)
                    .add("www.example.org", 60, ARecord.of("192.0.2.8")).build();
        }
    }

    private Service make(String... args) {
        return plugin.makeService(reactor, plugin.options().parse(List.of(args)));
    }

    private void refused(String message, String... args) {
        assertThatThrownBy(() -> make(args)).as(String.join(" ", args))
                .isInstanceOf(UsageError.class).hasMessageContaining(message);
    }

    @Test
    void optionsNotBuiltYetAreUsageErrorsSayingSo() throws Exception {
        Path zone = dir.resolve("z.zone");
        Files.writeString(zone, "$TTL 1\nexample.com. SOA ns host 1 2 3 4 5\n");
        refused("is not available yet", "--bindzone", zone.toString(), "--pyzone", "z.py");
    }

    @Test
    void secondariesNeedNoZoneAndTransferFromTheirPrimariesWhenStarted() {
        make("--secondary", "192.0.2.1:5353/example.com", "--secondary", "[::1]/example.org", "-p", "0")
                .startService();
        assertThat(server().secondaries()).extracting(s -> s.domain().toString())
                .containsExactly("example.com.", "example.org.");
        assertThat(reactor.tcpClients()).extracting(c -> c.host() + " " + c.port())
                .containsExactly("192.0.2.1 5353", "::1 53");
    }

    @Test
    void badSecondaryArgumentsAreUsageErrors() {
        refused("expected IP[:PORT]/DOMAIN", "--secondary", "192.0.2.1");
        refused("expected IP[:PORT]/DOMAIN", "--secondary", "192.0.2.1/");
        refused("invalid port", "--secondary", "192.0.2.1:0/example.com");
        refused("invalid port", "--secondary", "192.0.2.1:x/example.com");
        refused("not an IP address", "--secondary", "primary.example/example.com");
    }

    private DNSServerFactory server() {
        return (DNSServerFactory) ((org.twisted4j.protocols.policies.WrappingFactory)
                reactor.tcpServers().get(0).factory()).wrappedFactory();
    }

    @Test
    void recursionHostsFileAndCacheNeedNoZone() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.44 printer.lan\n");
        Path resolvConf = dir.resolve("resolv.conf");
        Files.writeString(resolvConf, "nameserver 192.0.2.53\n");
        make("--hosts-file", hosts.toString(), "-c", "-p", "0").startService();
        DNSServerFactory server = server();
        assertThat(server.canRecurse()).isTrue();
        byte[] query = Message.builder().id(9).recursionDesired(true).query(Query.of("PRINTER.lan", RecordType.A))
                .build().toBytes();
        for (int i = 0; i < 2; i++) {
            Message answer = Message.parse(server.handle(query, DNSServerFactoryTest.CLIENT, false).get(0));
            assertThat(answer.recursionAvailable()).isTrue();
            assertThat(answer.authoritative()).isFalse();
            assertThat(answer.answers()).extracting(r -> r.data()).containsExactly(ARecord.of("192.0.2.44"));
        }

        MemoryReactor other = new MemoryReactor();
        plugin.makeService(other, plugin.options().parse(List.of("--resolv-conf", resolvConf.toString(), "-p", "0")))
                .startService();
        assertThat(((DNSServerFactory) ((org.twisted4j.protocols.policies.WrappingFactory)
                other.tcpServers().get(0).factory()).wrappedFactory()).canRecurse())
                .as("--resolv-conf implies -r").isTrue();
        refused("No such file", "--hosts-file", dir.resolve("none").toString());
    }

    @Test
    void aRateLimitSlowsIdenticalUdpAnswersAndBadLimitsAreUsageErrors() throws Exception {
        Path zone = dir.resolve("z.zone");
        Files.writeString(zone, "$TTL 1\nexample.com. SOA ns host 1 2 3 4 5\n");
        refused("--rate-limit: not a number: 'many'", "--bindzone", zone.toString(), "--rate-limit", "many");
        refused("at least 1 response a second", "--bindzone", zone.toString(), "--rate-limit", "0");
        refused("the slip must be 0 to 10", "--bindzone", zone.toString(), "--rate-limit", "5",
                "--rate-limit-slip", "11");
        make("--bindzone", zone.toString(), "--rate-limit", "1", "--rate-limit-slip", "0", "-p", "0").startService();
        byte[] answer = org.twisted4j.names.Message.builder().response(true)
                .query(org.twisted4j.names.Query.of("example.com", 6)).build().toBytes();
        org.twisted4j.internet.Address client = new org.twisted4j.internet.IPv4Address(
                org.twisted4j.internet.AddressType.UDP, "192.0.2.9", 53);
        assertThat(server().limit(answer, client)).isEqualTo(answer);
        assertThat(server().limit(answer, client)).isNull();
    }

    @Test
    void badZonesAndValuesAreUsageErrors() throws Exception {
        refused("no zone to serve");
        refused("No such file", "--bindzone", dir.resolve("none.zone").toString());
        Path bad = dir.resolve("bad.zone");
        Files.writeString(bad, "$TTL 1\n@ SOA ns host 1 2 3 4\n");
        refused("Invalid syntax in " + bad + ": " + bad + ":2:", "--bindzone", bad.toString());
        refused("--zone-class: no class no.such.Zone", "--zone-class", "no.such.Zone");
        refused("does not implement Supplier<Zone>", "--zone-class", "java.lang.Object");
        refused("Invalid port", "--zone-class", JavaZone.class.getName(), "-p", "fifty");
        refused("not an IP address", "--zone-class", JavaZone.class.getName(), "--allow-transfer", "example.com");
    }

    @Test
    void zonesFromFilesAndClassesAreServedOnOnePortOverTcpAndUdp() throws Exception {
        Path zone = dir.resolve("example.com.zone");
        Files.writeString(zone, "$ORIGIN example.com.\n$TTL 60\n@ SOA ns host 1 2 3 4 5\nwww A 192.0.2.7\n");
        Service service = make("--bindzone", zone.toString(), "--zone-class", JavaZone.class.getName(), "-p", "5353",
                "-i", "127.0.0.1");
        service.startService();
        assertThat(reactor.tcpServers()).hasSize(1);
        assertThat(reactor.tcpServers().get(0).port()).isEqualTo(5353);
        assertThat(reactor.udpServers()).hasSize(1);
        assertThat(reactor.udpServers().get(0).port()).isEqualTo(5353);
        DNSServerFactory server = server();
        for (String name : List.of("www.example.com", "www.example.org")) {
            byte[] query = Message.builder().id(7).query(Query.of(name, RecordType.A)).build().toBytes();
            Message answer = Message.parse(server.handle(query, DNSServerFactoryTest.CLIENT, false).get(0));
            assertThat(answer.answers()).as(name).hasSize(1);
        }
        var connection = reactor.tcpServers().get(0).factory().buildProtocol(DNSServerFactoryTest.CLIENT);
        org.twisted4j.testing.StringTransport transport = new org.twisted4j.testing.StringTransport();
        connection.makeConnection(transport);
        reactor.advance(DnsService.TCP_IDLE_SECONDS - 1);
        assertThat(transport.isDisconnecting()).isFalse();
        reactor.advance(1);
        assertThat(transport.isDisconnecting()).as("an idle TCP connection is closed").isTrue();
    }
}
