package org.twisted4j.testing.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.runner.InetdConf;
import org.twisted4j.runner.InetdEntry;
import org.twisted4j.runner.InetdFactory;
import org.twisted4j.runner.InetdService;
import org.twisted4j.runner.KnownServices;
import org.twisted4j.testing.MemoryReactor;
import org.twisted4j.testing.StringTransport;

/** Which entries the inetd listens for, and what it says about the others, on a MemoryReactor. */
class InetdServiceTest {
    private static final String USER = System.getProperty("user.name");
    private static final Clock WALL = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ReactorProcess NO_PROCESSES = (protocol, exe, args, env, path) -> {
        throw new AssertionError("no program runs in these tests");
    };
    private static final String CONF = """
            echo     stream tcp  nowait root internal
            daytime  stream tcp  nowait root internal
            time     dgram  udp  wait   root internal
            8123     stream tcp6 nowait %s /bin/cat cat
            8124     stream tcp  wait   %s /usr/sbin/server server
            17       stream tcp  nowait root internal
            rstatd/1 dgram  rpc/udp wait root /usr/sbin/rpc.rstatd rpc.rstatd
            8125     stream tcp  nowait someone-else /bin/true true
            """.formatted(USER, USER);

    private final MemoryReactor reactor = new MemoryReactor();
    private final List<LogEvent> logged = new ArrayList<>();
    private final LogObserver observer = event -> {
        if (event.namespace().startsWith("org.twisted4j.runner")) {
            logged.add(event);
        }
    };

    @BeforeEach
    void captureLog() {
        LogPublisher.global().addObserver(observer);
    }

    @AfterEach
    void releaseLog() {
        LogPublisher.global().removeObserver(observer);
    }

    private InetdService inetd(boolean runInternal) {
        List<InetdEntry> entries = InetdConf.parse(CONF, KnownServices.builtIn());
        return new InetdService(reactor, NO_PROCESSES, reactor, WALL, entries, runInternal);
    }

    private List<String> messages(LogLevel level) {
        return logged.stream().filter(e -> e.level() == level).map(LogEvent::text).toList();
    }

    @Test
    void listensForEveryStreamTcpNowaitEntryOnItsPort() {
        InetdService inetd = inetd(true);
        assertThat(reactor.tcpServers()).isEmpty();

        inetd.startService();

        assertThat(reactor.tcpServers()).extracting(MemoryReactor.TcpServer::port).containsExactly(7, 13, 8123, 8125);
        assertThat(reactor.tcpServers().get(2).bindInterface()).isEqualTo("::");
        assertThat(reactor.tcpServers().get(0).bindInterface()).isEmpty();
        assertThat(reactor.tcpServers().get(2).factory()).isInstanceOf(InetdFactory.class);
        assertThat(inetd.entries()).extracting(InetdEntry::name).containsExactly("echo", "daytime", "8123", "8125");
        assertThat(inetd.serverFor(inetd.entries().get(1)).isRunning()).isTrue();
        assertThat(messages(LogLevel.INFO)).filteredOn(m -> m.contains("listening")).containsExactly(
                "service echo listening on " + reactor.tcpServers().get(0).listeningPort().getHost(),
                "service daytime listening on " + reactor.tcpServers().get(1).listeningPort().getHost(),
                "service 8123 listening on " + reactor.tcpServers().get(2).listeningPort().getHost(),
                "service 8125 listening on " + reactor.tcpServers().get(3).listeningPort().getHost());
    }

    @Test
    void theDaytimeServerUsesTheGivenClock() {
        inetd(true).startService();
        StringTransport transport = new StringTransport();
        reactor.tcpServers().get(1).factory().buildProtocol(StringTransport.DEFAULT_PEER).makeConnection(transport);
        assertThat(transport.valueAsString()).isEqualTo("Thu Jan  1 00:00:00 2026\r\n");
    }

    @Test
    void everySkippedEntryIsOneLogLineSayingWhy() {
        inetd(true);

        assertThat(messages(LogLevel.INFO)).containsExactly(
                "skipping service time: dgram/udp is not supported, only stream/tcp",
                "skipping service 8124: wait services are not supported, only nowait",
                "skipping service 17: there is no internal service called 17",
                "skipping service rstatd/1: rpc services are not supported");
    }

    @Test
    void anEntryForAnotherUserIsWarnedAbout() {
        inetd(true);
        assertThat(messages(LogLevel.WARN)).containsExactly(
                "service 8125 asks for user someone-else; it runs as " + USER + ", the user of this program");
    }

    @Test
    void internalServicesCanBeTurnedOff() {
        InetdService inetd = inetd(false);
        inetd.startService();

        assertThat(reactor.tcpServers()).extracting(MemoryReactor.TcpServer::port).containsExactly(8123, 8125);
        assertThat(messages(LogLevel.INFO)).contains("skipping service echo: internal services are turned off");
    }

    @Test
    void stoppingClosesEveryPort() {
        InetdService inetd = inetd(true);
        inetd.startService();
        assertThat(inetd.stopService().isCalled()).isTrue();
        assertThat(reactor.tcpServers()).allSatisfy(server -> assertThat(server.listeningPort().isListening()).isFalse());
    }

    @Test
    void aServerIsOnlyFoundForAnEntryItListensFor() {
        InetdService inetd = inetd(true);
        InetdEntry skipped = InetdConf.parse("time dgram udp wait root internal", KnownServices.builtIn()).getFirst();
        assertThatThrownBy(() -> inetd.serverFor(skipped)).isInstanceOf(NoSuchElementException.class);
    }
}
