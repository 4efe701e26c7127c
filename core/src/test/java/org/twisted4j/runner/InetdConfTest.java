package org.twisted4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InetdConfTest {
    private static final KnownServices SERVICES = KnownServices.builtIn();

    private static InetdEntry only(String text) {
        List<InetdEntry> entries = InetdConf.parse(text, SERVICES);
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    @Test
    void everyFieldOfALineIsRead() {
        InetdEntry ftp = only("ftp\tstream  tcp nowait root.wheel /usr/sbin/tcpd in.ftpd -l -a\n");

        assertThat(ftp).isEqualTo(new InetdEntry("ftp", 21, "stream", "tcp", false, "root", "wheel",
                "/usr/sbin/tcpd", List.of("in.ftpd", "-l", "-a")));
        assertThat(ftp.isInternal()).isFalse();
        assertThat(ftp.argv()).containsExactly("in.ftpd", "-l", "-a");
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        List<InetdEntry> entries = InetdConf.parse("""
                # the internal services
                echo stream tcp nowait root internal   # RFC 862

                   \t
                #daytime stream tcp nowait root internal
                discard stream tcp nowait root internal#no space before the comment
                """, SERVICES);

        assertThat(entries).extracting(InetdEntry::name).containsExactly("echo", "discard");
        assertThat(entries).extracting(InetdEntry::port).containsExactly(7, 9);
        assertThat(entries.getFirst().isInternal()).isTrue();
        assertThat(entries.getFirst().programArgs()).isEmpty();
    }

    @Test
    void aPortNumberStandsForTheServiceName() {
        InetdEntry cat = only("8123 stream tcp nowait nobody /bin/cat cat");
        assertThat(cat.name()).isEqualTo("8123");
        assertThat(cat.port()).isEqualTo(8123);
        assertThat(cat.group()).isNull();
        assertThat(only("0 stream tcp nowait nobody /bin/cat").argv()).containsExactly("/bin/cat");
    }

    @Test
    void aliasesAndTheProtocolFamilyFindThePort() {
        assertThat(only("www stream tcp6 nowait www-data /usr/sbin/httpd httpd").port()).isEqualTo(80);
        assertThat(only("timserver dgram udp wait root internal").port()).isEqualTo(37);
    }

    @Test
    void waitRateLimitsAndColonGroupsAreAccepted() {
        InetdEntry time = only("time dgram udp wait.10 nobody:nogroup internal");
        assertThat(time.waits()).isTrue();
        assertThat(time.user()).isEqualTo("nobody");
        assertThat(time.group()).isEqualTo("nogroup");
        assertThat(only("echo stream tcp nowait.400 root internal").waits()).isFalse();
    }

    @Test
    void aColonSeparatesTheGroupBeforeAnyDot() {
        InetdEntry dottedUser = only("echo stream tcp nowait first.last:staff internal");
        assertThat(dottedUser.user()).isEqualTo("first.last");
        assertThat(dottedUser.group()).isEqualTo("staff");
        InetdEntry dottedGroup = only("echo stream tcp nowait nobody:no.group internal");
        assertThat(dottedGroup.user()).isEqualTo("nobody");
        assertThat(dottedGroup.group()).isEqualTo("no.group");
        InetdEntry dotOnly = only("echo stream tcp nowait nobody.no.group internal");
        assertThat(dotOnly.user()).isEqualTo("nobody");
        assertThat(dotOnly.group()).isEqualTo("no.group");
    }

    @Test
    void rpcServicesHaveNoPort() {
        InetdEntry rstatd = only("rstatd/1-3 dgram rpc/udp wait root /usr/sbin/rpc.rstatd rpc.rstatd");
        assertThat(rstatd.port()).isZero();
        assertThat(rstatd.protocol()).isEqualTo("rpc/udp");
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        String head = "# comment\necho stream tcp nowait root internal\n\n";
        assertBad(head + "echo stream tcp nowait root\n", 4, "expected at least 6 fields");
        assertBad(head + "gopherish stream tcp nowait root internal\n", 4, "unknown service 'gopherish' for tcp");
        assertBad(head + "70000 stream tcp nowait root internal\n", 4, "unknown service '70000'");
        assertBad(head + "echo streams tcp nowait root internal\n", 4, "unknown socket type 'streams'");
        assertBad(head + "echo stream tcp sometimes root internal\n", 4, "expected wait or nowait, not 'sometimes'");
        assertBad(head + "echo stream tcp nowait .wheel internal\n", 4, "expected user or user.group");
    }

    private static void assertBad(String text, int lineNumber, String problem) {
        String badLine = text.lines().toList().get(lineNumber - 1);
        assertThatThrownBy(() -> InetdConf.parse(text, SERVICES))
                .isInstanceOfSatisfying(InvalidConfError.class, error -> {
                    assertThat(error.lineNumber()).isEqualTo(lineNumber);
                    assertThat(error.line()).isEqualTo(badLine);
                    assertThat(error.source()).isEqualTo("inetd.conf");
                    assertThat(error.getMessage()).startsWith("inetd.conf line " + lineNumber + ": " + problem)
                            .endsWith("\"" + badLine.strip() + "\"");
                });
    }

    @Test
    void aFileIsReadAndItsNameIsInErrors(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, "echo stream tcp nowait root internal\nbad\n");
        assertThatThrownBy(() -> InetdConf.read(conf, SERVICES))
                .hasMessageStartingWith(conf + " line 2: expected at least 6 fields");
        Files.writeString(conf, "echo stream tcp nowait root internal\n");
        assertThat(InetdConf.read(conf, SERVICES)).extracting(InetdEntry::name).containsExactly("echo");
    }

    @Test
    void aServicesTableMapsNamesAndAliasesPerProtocol() throws Exception {
        KnownServices table = KnownServices.parse(new StringReader("""
                # name port/protocol aliases
                smtp  25/tcp  mail   # mail
                ntp   123/udp
                """), "services");

        assertThat(table.port("smtp", "tcp")).hasValue(25);
        assertThat(table.port("mail", "tcp")).hasValue(25);
        assertThat(table.port("smtp", "udp")).isEmpty();
        assertThat(table.port("ntp", "udp")).hasValue(123);
        assertThat(table.port("comment", "tcp")).isEmpty();
    }

    @Test
    void aSlashInANameOrProtocolDoesNotMakeItAnotherService() throws Exception {
        KnownServices table = KnownServices.parse(new StringReader("a/b 1/c\na 2/b/c\n"), "services");

        assertThat(table.port("a/b", "c")).hasValue(1);
        assertThat(table.port("a", "b/c")).hasValue(2);
    }

    @Test
    void badServicesLinesAreReportedWithTheirNumber() {
        assertThatThrownBy(() -> KnownServices.parse(new StringReader("smtp 25/tcp\nweird 25-tcp\n"), "services"))
                .isInstanceOfSatisfying(InvalidConfError.class, error -> {
                    assertThat(error.lineNumber()).isEqualTo(2);
                    assertThat(error.getMessage()).startsWith("services line 2: invalid port/protocol '25-tcp'");
                });
        assertThatThrownBy(() -> KnownServices.parse(new StringReader("lonely\n"), "services"))
                .hasMessageStartingWith("services line 1: expected a name and port/protocol");
    }

    @Test
    void theSystemTableKnowsTheInternalServices() {
        KnownServices system = KnownServices.system();
        for (String name : List.of("echo", "discard", "daytime", "chargen", "time")) {
            assertThat(system.port(name, "tcp")).as(name).isEqualTo(SERVICES.port(name, "tcp"));
        }
        assertThat(SERVICES.port("chargen", "tcp")).hasValue(19);
    }

    @Test
    void anEntryRefusesAPortOutOfRange() {
        assertThatThrownBy(() -> new InetdEntry("x", 65536, "stream", "tcp", false, "u", null, "p", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
