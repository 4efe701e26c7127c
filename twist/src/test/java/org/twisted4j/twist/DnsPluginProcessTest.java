package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.peers.Peer;

/** {@code twist dns} as a separate JVM, asked by dig over UDP and TCP: zones, and recursion from a hosts file. */
class DnsPluginProcessTest {

    @TempDir
    Path dir;

    private ChildJvm dns;

    @AfterEach
    void stop() throws Exception {
        if (dns != null) {
            dns.terminate();
            dns.waitFor();
        }
    }

    @Test
    void twistDnsServesABindZoneOverUdpAndTcp() throws Exception {
        Path zone = dir.resolve("example.com.zone");
        Files.writeString(zone, """
                $ORIGIN example.com.
                $TTL 300
                @    SOA ns1 hostmaster 1 7200 900 1209600 60
                     NS ns1
                ns1  A 192.0.2.1
                www  A 192.0.2.80
                $GENERATE 1-3 host$ A 10.0.0.$
                """);
        dns = ChildJvm.start(Twist.class, dir, "dns", "--bindzone", zone.toString(), "-p", "0", "-i", "127.0.0.1",
                "--verbose");
        int port = TwistProcessTest.port(dns.awaitLine(line -> line.contains("dns listening on")));
        String udp = dig(port, "+short", "www.example.com", "A");
        assertThat(udp).isEqualTo("192.0.2.80\n");
        String tcp = dig(port, "+tcp", "+short", "host2.example.com", "A");
        assertThat(tcp).isEqualTo("10.0.0.2\n");
        String missing = dig(port, "nothing.example.com", "A");
        assertThat(missing).contains("status: NXDOMAIN").contains("flags: qr aa");
    }

    @Test
    void optionsNotBuiltYetAreRefusedWithAUsageError() throws Exception {
        Path zone = dir.resolve("z.zone");
        Files.writeString(zone, "$TTL 1\nexample.com. SOA ns host 1 2 3 4 5\n");
        dns = ChildJvm.start(Twist.class, dir, "dns", "--bindzone", zone.toString(), "--pyzone",
                dir.resolve("zone.py").toString(), "-p", "0", "-i", "127.0.0.1");
        assertThat(dns.waitFor()).isNotZero();
        assertThat(dns.out() + dns.err()).contains("--pyzone is not available yet");
        dns = null;
    }

    @Test
    void twistDnsRecursiveAnswersFromAHostsFileWithTheCacheOn() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.44 printer.lan printer\n");
        dns = ChildJvm.start(Twist.class, dir, "dns", "-r", "-c", "--hosts-file", hosts.toString(), "-p", "0", "-i",
                "127.0.0.1");
        int port = TwistProcessTest.port(dns.awaitLine(line -> line.contains("dns listening on")));
        for (int i = 0; i < 2; i++) {
            String answer = dig(port, "PRINTER.lan", "A");
            assertThat(answer).contains("status: NOERROR").contains("flags: qr rd ra;");
            assertThat(answer).containsPattern("PRINTER\\.lan\\.\\s+\\d+\\s+IN\\s+A\\s+192\\.0\\.2\\.44");
        }
    }

    private static String dig(int port, String... args) throws Exception {
        String[] all = new String[args.length + 5];
        all[0] = "@127.0.0.1";
        all[1] = "-p";
        all[2] = String.valueOf(port);
        all[3] = "+time=5";
        all[4] = "+tries=1";
        System.arraycopy(args, 0, all, 5, args.length);
        ToolRun run = ToolRun.of(Peer.DIG, all);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }
}
