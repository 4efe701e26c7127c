package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.ReactorTCP;

class EndpointsFromStringTest {
    private final UnusedReactor reactor = new UnusedReactor();

    private <T> T server(String description, Class<T> type) {
        return type.cast(Endpoints.serverFromString(reactor, description));
    }

    private <T> T client(String description, Class<T> type) {
        return type.cast(Endpoints.clientFromString(reactor, description));
    }

    // Servers.

    @Test
    void tcpServerWithPortOnlyListensEverywhereWithDefaultBacklog() {
        TCP4ServerEndpoint e = server("tcp:80", TCP4ServerEndpoint.class);

        assertThat(e.port()).isEqualTo(80);
        assertThat(e.bindInterface()).isEmpty();
        assertThat(e.backlog()).isEqualTo(ReactorTCP.DEFAULT_BACKLOG);
    }

    @Test
    void tcpServerTakesInterfaceAndBacklogAsOptions() {
        TCP4ServerEndpoint e = server("tcp:8080:interface=127.0.0.1:backlog=7", TCP4ServerEndpoint.class);

        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.bindInterface()).isEqualTo("127.0.0.1");
        assertThat(e.backlog()).isEqualTo(7);
    }

    @Test
    void tcpServerTakesPortInterfaceBacklogByPosition() {
        TCP4ServerEndpoint e = server("tcp:8080:10.0.0.1:9", TCP4ServerEndpoint.class);

        assertThat(e.bindInterface()).isEqualTo("10.0.0.1");
        assertThat(e.backlog()).isEqualTo(9);
    }

    @Test
    void tcpServerTakesPortAsAnOption() {
        assertThat(server("tcp:port=0", TCP4ServerEndpoint.class).port()).isZero();
    }

    @Test
    void typeIsCaseInsensitive() {
        assertThat(server("TCP:80", TCP4ServerEndpoint.class).port()).isEqualTo(80);
    }

    @Test
    void tcp6ServerListensOnEveryIPv6InterfaceByDefault() {
        TCP6ServerEndpoint e = server("tcp6:443", TCP6ServerEndpoint.class);

        assertThat(e.port()).isEqualTo(443);
        assertThat(e.bindInterface()).isEqualTo("::");
        assertThat(e.backlog()).isEqualTo(ReactorTCP.DEFAULT_BACKLOG);
    }

    @Test
    void tcp6ServerTakesAnEscapedInterfaceAndItsPositionalOrderIsPortBacklogInterface() {
        TCP6ServerEndpoint byName = server("tcp6:443:interface=\\:\\:1:backlog=3", TCP6ServerEndpoint.class);
        TCP6ServerEndpoint byPosition = server("tcp6:443:3:\\:\\:1", TCP6ServerEndpoint.class);

        assertThat(byName.bindInterface()).isEqualTo("::1");
        assertThat(byName.backlog()).isEqualTo(3);
        assertThat(byPosition.bindInterface()).isEqualTo("::1");
        assertThat(byPosition.backlog()).isEqualTo(3);
    }

    @Test
    void unixServerDefaultsToMode666TheDefaultBacklogAndALockFile() {
        UNIXServerEndpoint e = server("unix:/var/run/app.sock", UNIXServerEndpoint.class);

        assertThat(e.path()).isEqualTo(Path.of("/var/run/app.sock"));
        assertThat(e.mode()).isEqualTo(0666);
        assertThat(e.backlog()).isEqualTo(ReactorTCP.DEFAULT_BACKLOG);
        assertThat(e.wantPID()).isTrue();
    }

    @Test
    void unixServerReadsModeInOctalAndBacklogAndLockfile() {
        UNIXServerEndpoint e = server("unix:/s:mode=660:backlog=5:lockfile=0", UNIXServerEndpoint.class);

        assertThat(e.mode()).isEqualTo(0660);
        assertThat(e.backlog()).isEqualTo(5);
        assertThat(e.wantPID()).isFalse();
    }

    @Test
    void unixServerPathMayHoldEscapedColons() {
        assertThat(server("unix:/tmp/a\\:b:mode=600", UNIXServerEndpoint.class).path())
                .isEqualTo(Path.of("/tmp/a:b"));
    }

    @Test
    void unixServerTakesThePathAsTheAddressOption() {
        assertThat(server("unix:address=/s", UNIXServerEndpoint.class).path()).isEqualTo(Path.of("/s"));
    }

    @Test
    void unixServerTakesAnAbstractNameAfterAnAtSignOrANul() {
        UNIXServerEndpoint at = server("unix:@app.sock:backlog=7", UNIXServerEndpoint.class);
        assertThat(at.abstractName()).isEqualTo("app.sock");
        assertThat(at.path()).isNull();
        assertThat(at.backlog()).isEqualTo(7);
        assertThat(at.wantPID()).isFalse(); // no file, so no lock file, whatever lockfile says
        assertThat(server("unix:\0app:mode=600:lockfile=1", UNIXServerEndpoint.class).abstractName())
                .isEqualTo("app");
        assertThat(server("unix:address=@a\\:b", UNIXServerEndpoint.class).abstractName()).isEqualTo("a:b");
        assertThat(server("unix:./@app", UNIXServerEndpoint.class).path()).isEqualTo(Path.of("./@app"));
    }

    @Test
    void unixAbstractNamesThatCannotBeAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "unix:@"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be empty");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "unix:@" + "n".repeat(108)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 107 bytes");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "unix:@app:mode=9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
    }

    // Clients.

    @Test
    void tcpClientTakesHostAndPortAsOptions() {
        TCP4ClientEndpoint e = client("tcp:host=example.com:port=80", TCP4ClientEndpoint.class);

        assertThat(e.host()).isEqualTo("example.com");
        assertThat(e.port()).isEqualTo(80);
        assertThat(e.timeout()).isEqualTo(ReactorTCP.DEFAULT_CONNECT_TIMEOUT);
        assertThat(e.bindAddress()).isNull();
    }

    @Test
    void tcpClientTakesHostAndPortByPosition() {
        TCP4ClientEndpoint e = client("tcp:example.com:80", TCP4ClientEndpoint.class);

        assertThat(e.host()).isEqualTo("example.com");
        assertThat(e.port()).isEqualTo(80);
    }

    @Test
    void tcpClientMixesOnePositionalWithTheOtherAsAnOption() {
        TCP4ClientEndpoint hostOption = client("tcp:host=example.com:80", TCP4ClientEndpoint.class);
        TCP4ClientEndpoint portOption = client("tcp:example.com:port=81", TCP4ClientEndpoint.class);

        assertThat(hostOption.host()).isEqualTo("example.com");
        assertThat(hostOption.port()).isEqualTo(80);
        assertThat(portOption.host()).isEqualTo("example.com");
        assertThat(portOption.port()).isEqualTo(81);
    }

    @Test
    void tcpClientReadsTimeoutAndBindAddress() {
        TCP4ClientEndpoint e = client("tcp:h:1:timeout=2.5:bindAddress=192.0.2.100", TCP4ClientEndpoint.class);

        assertThat(e.timeout()).isEqualTo(2.5);
        assertThat(e.bindAddress()).isEqualTo(new InetSocketAddress("192.0.2.100", 0));
    }

    @Test
    void tcp6ClientTakesAnEscapedIPv6Host() {
        TCP6ClientEndpoint e = client("tcp6:host=\\:\\:1:port=6379:timeout=4", TCP6ClientEndpoint.class);

        assertThat(e.host()).isEqualTo("::1");
        assertThat(e.port()).isEqualTo(6379);
        assertThat(e.timeout()).isEqualTo(4.0);
    }

    @Test
    void unixClientTakesThePathByPositionOrAsAnOption() {
        assertThat(client("unix:/s", UNIXClientEndpoint.class).path()).isEqualTo(Path.of("/s"));
        assertThat(client("unix:path=/s", UNIXClientEndpoint.class).path()).isEqualTo(Path.of("/s"));
    }

    @Test
    void unixClientTakesAnAbstractNameAfterAnAtSignOrANul() {
        UNIXClientEndpoint at = client("unix:path=@app:timeout=4", UNIXClientEndpoint.class);
        assertThat(at.abstractName()).isEqualTo("app");
        assertThat(at.path()).isNull();
        assertThat(at.timeout()).isEqualTo(4.0);
        assertThat(client("unix:\0app", UNIXClientEndpoint.class).abstractName()).isEqualTo("app");
    }

    @Test
    void unixClientReadsTimeoutAndCheckPIDOrLockfile() {
        UNIXClientEndpoint plain = client("unix:/s", UNIXClientEndpoint.class);
        UNIXClientEndpoint checked = client("unix:path=/s:timeout=9:checkPID=1", UNIXClientEndpoint.class);
        UNIXClientEndpoint locked = client("unix:/s:lockfile=1", UNIXClientEndpoint.class);

        assertThat(plain.checkPID()).isFalse();
        assertThat(plain.timeout()).isEqualTo(30.0);
        assertThat(checked.timeout()).isEqualTo(9.0);
        assertThat(checked.checkPID()).isTrue();
        assertThat(locked.checkPID()).isTrue();
    }

    // Errors.

    @Test
    void unknownTypeNamesItAndTheKnownOnes() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tpc:80"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown endpoint type 'tpc' in 'tpc:80'; known: haproxy, ssl, stdio, tcp, tcp6, unix");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tpc:h:80"))
                .hasMessage("unknown endpoint type 'tpc' in 'tpc:h:80'; known: ssl, stdio, tcp, tcp6, tls, unix");
    }

    @Test
    void portThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tcp:abc"))
                .hasMessage("port 'abc' in 'tcp:abc' is not a number");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:h:abc"))
                .hasMessage("port 'abc' in 'tcp:h:abc' is not a number");
    }

    @Test
    void portOutOfRangeIsNamed() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tcp:70000"))
                .hasMessage("port '70000' in 'tcp:70000' is out of range 0-65535");
    }

    @Test
    void missingPortIsNamed() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tcp"))
                .hasMessage("missing port in 'tcp'");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tcp:interface=lo"))
                .hasMessage("missing port in 'tcp:interface=lo'");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:example.com"))
                .hasMessage("missing port in 'tcp:example.com'");
    }

    @Test
    void missingHostOrPathIsNamed() {
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:port=80"))
                .hasMessage("missing host in 'tcp:port=80'");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "unix:mode=600"))
                .hasMessage("missing address in 'unix:mode=600'");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "unix:timeout=3"))
                .hasMessage("missing path in 'unix:timeout=3'");
    }

    @Test
    void misspelledOptionIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tcp:80:bakclog=5"))
                .hasMessage("unknown option 'bakclog' for tcp in 'tcp:80:bakclog=5'; known: port, interface, backlog");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:h:80:timout=5"))
                .hasMessage("unknown option 'timout' for tcp in 'tcp:h:80:timout=5'; "
                        + "known: host, port, timeout, bindAddress");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "tcp:80:backlog=lots"))
                .hasMessage("backlog 'lots' in 'tcp:80:backlog=lots' is not a number");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "unix:/s:mode=999"))
                .hasMessage("mode '999' in 'unix:/s:mode=999' is not an octal mode from 0 to 7777");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "unix:/s:lockfile=yes"))
                .hasMessage("lockfile 'yes' in 'unix:/s:lockfile=yes' must be 0 or 1");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:h:1:timeout=-1"))
                .hasMessage("timeout '-1' in 'tcp:h:1:timeout=-1' is not a number of seconds");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:h:1:bindAddress=myhost"))
                .hasMessage("bindAddress 'myhost' in 'tcp:h:1:bindAddress=myhost' is not an IP address");
    }

    @Test
    void aTlsClientHostThatCannotBeAServerNameIsNamed() {
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "ssl:bad_host!:443"))
                .hasMessage("host 'bad_host!' in 'ssl:bad_host!:443' is not a valid host name");
    }

    @Test
    void tooManyPositionalArgumentsAreAnError() {
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "tcp:h:80:5:1.2.3.4:more"))
                .hasMessage("too many arguments for tcp in 'tcp:h:80:5:1.2.3.4:more'; "
                        + "it takes host, port, timeout, bindAddress");
    }

    @Test
    void checkPIDAndLockfileTogetherAreAnError() {
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "unix:/s:checkPID=1:lockfile=0"))
                .hasMessage("checkPID and lockfile both given (they are the same option) in "
                        + "'unix:/s:checkPID=1:lockfile=0'");
    }

    @Test
    void trailingBackslashIsReported() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "unix:/tmp/x\\"))
                .hasMessage("trailing backslash in 'unix:/tmp/x\\'");
    }

    @Test
    void reactorWithoutTheNeededInterfaceIsReported() {
        assertThatThrownBy(() -> Endpoints.serverFromString("not a reactor", "tcp:80"))
                .hasMessage("the reactor not a reactor is not a ReactorTCP, which tcp endpoints need in 'tcp:80'");
    }
}
