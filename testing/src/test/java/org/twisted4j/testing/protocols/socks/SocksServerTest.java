package org.twisted4j.testing.protocols.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.protocols.socks.SocksHarness.ascii;
import static org.twisted4j.testing.protocols.socks.SocksHarness.bytes;
import static org.twisted4j.testing.protocols.socks.SocksHarness.concat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.ConnectError;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.ConnectionTimeoutError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.protocols.socks.CredentialsChecker;
import org.twisted4j.protocols.socks.SocksOptions;
import org.twisted4j.testing.ProducerState;

class SocksServerTest {

    private static final SocksOptions PLAIN = SocksOptions.defaults();
    private static final SocksOptions PASSWORDS = SocksOptions.defaults()
            .withCredentials(CredentialsChecker.of((user, password) -> user.equals("alice") && password.equals("s3cret")));

    /** SOCKS4 CONNECT to 10.0.0.5:80, user id "bob". */
    private static final byte[] SOCKS4_CONNECT = concat(bytes(4, 1, 0, 80, 10, 0, 0, 5), ascii("bob"), bytes(0));
    /** SOCKS4 granted, bound to 127.0.0.1:40000. */
    private static final byte[] SOCKS4_GRANTED = bytes(0, 90, 0x9c, 0x40, 127, 0, 0, 1);
    private static final byte[] SOCKS4_REJECTED = bytes(0, 91, 0, 0, 0, 0, 0, 0);
    private static final byte[] SOCKS5_NO_AUTH = bytes(5, 1, 0);
    private static final byte[] SOCKS5_CONNECT_V4 = bytes(5, 1, 0, 1, 10, 0, 0, 5, 0, 80);
    private static final byte[] SOCKS5_GRANTED_V4 = bytes(5, 0, 0, 1, 127, 0, 0, 1, 0x9c, 0x40);

    private static byte[] socks5Failure(int code) {
        return bytes(5, code, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    private static byte[] socks5Domain(String host, int port) {
        return concat(bytes(5, 1, 0, 3, host.length()), ascii(host), bytes(port >> 8, port & 0xff));
    }

    // ---- SOCKS4 ----

    @Test
    void socks4ConnectSplitAnywhereConnectsRepliesGrantedAndRelaysPipelinedBytes() {
        byte[] stream = concat(SOCKS4_CONNECT, ascii("GET /"));
        for (int split = 0; split <= stream.length; split++) {
            SocksHarness harness = new SocksHarness(PLAIN).feed(stream, split);
            assertThat(harness.reactor.tcpClients()).singleElement()
                    .satisfies(c -> assertThat(c.host() + ":" + c.port()).isEqualTo("10.0.0.5:80"));
            assertThat(harness.reply()).as("nothing before the connection is made").isEmpty();
            assertThat(harness.client.producerState()).isEqualTo(ProducerState.PAUSED);
            harness.connectOutgoing();
            assertThat(harness.reply()).as("split at %d", split).isEqualTo(SOCKS4_GRANTED);
            assertThat(harness.outgoing.valueAsString()).isEqualTo("GET /");
            assertThat(harness.client.producerState()).isEqualTo(ProducerState.PRODUCING);
        }
    }

    @Test
    void socks4ConnectDeliveredOneByteAtATimeIsParsed() {
        SocksHarness harness = new SocksHarness(PLAIN).feedBytewise(SOCKS4_CONNECT);
        assertThat(harness.reactor.tcpClients()).hasSize(1);
    }

    @Test
    void socks4aResolvesTheHostNameOffTheReactorBeforeConnecting() {
        byte[] request = concat(bytes(4, 1, 0x1f, 0x90, 0, 0, 0, 1), ascii("u"), bytes(0), ascii("example.test"), bytes(0));
        for (int split = 0; split <= request.length; split++) {
            SocksHarness harness = new SocksHarness(PLAIN).feed(request, split);
            assertThat(harness.lookups).containsExactly("example.test");
            assertThat(harness.reactor.tcpClients()).isEmpty();
            harness.answers.get(0).callback(List.of(address("192.0.2.7")));
            assertThat(harness.reactor.tcpClients()).singleElement()
                    .satisfies(c -> assertThat(c.host() + ":" + c.port()).isEqualTo("192.0.2.7:8080"));
            harness.connectOutgoing();
            assertThat(harness.reply()).isEqualTo(SOCKS4_GRANTED);
        }
    }

    @Test
    void socks4aUnknownHostIsRejectedWith91() {
        byte[] request = concat(bytes(4, 1, 0, 80, 0, 0, 0, 9), bytes(0), ascii("nowhere.test"), bytes(0));
        SocksHarness harness = new SocksHarness(PLAIN).feed(request, 0);
        harness.answers.get(0).errback(new java.net.UnknownHostException("nowhere.test"));
        assertThat(harness.reply()).isEqualTo(SOCKS4_REJECTED);
        assertThat(harness.client.isConnected()).isFalse();
        assertThat(harness.reactor.tcpClients()).isEmpty();
    }

    @Test
    void socks4BindIsRejectedWith91() {
        byte[] bind = concat(bytes(4, 2, 0, 80, 10, 0, 0, 5), bytes(0));
        SocksHarness harness = new SocksHarness(PLAIN).feed(bind, 3);
        assertThat(harness.reply()).isEqualTo(SOCKS4_REJECTED);
        assertThat(harness.client.isConnected()).isFalse();
        assertThat(harness.reactor.tcpClients()).isEmpty();
    }

    @Test
    void socks4UserIdOrHostNameOverTheLimitIsRejected() {
        SocksOptions limited = PLAIN.withMaxFieldLength(8);
        SocksHarness longUser = new SocksHarness(limited).feed(concat(bytes(4, 1, 0, 80, 10, 0, 0, 5), ascii("x".repeat(9))), 5);
        assertThat(longUser.reply()).isEqualTo(SOCKS4_REJECTED);
        assertThat(longUser.client.isConnected()).isFalse();

        SocksHarness atLimit = new SocksHarness(limited).feed(concat(bytes(4, 1, 0, 80, 10, 0, 0, 5), ascii("x".repeat(8))), 0);
        assertThat(atLimit.client.isConnected()).as("still waiting for the terminator").isTrue();

        SocksHarness longHost = new SocksHarness(limited).feed(concat(bytes(4, 1, 0, 80, 0, 0, 0, 1), bytes(0),
                ascii("h".repeat(9))), 0);
        assertThat(longHost.reply()).isEqualTo(SOCKS4_REJECTED);
        assertThat(longHost.lookups).isEmpty();
    }

    @Test
    void socks4IsRefusedWhenCredentialsAreRequiredOrItIsTurnedOff() {
        SocksHarness withPasswords = new SocksHarness(PASSWORDS).feed(SOCKS4_CONNECT, 0);
        assertThat(withPasswords.reply()).isEqualTo(SOCKS4_REJECTED);
        assertThat(withPasswords.reactor.tcpClients()).isEmpty();

        SocksHarness off = new SocksHarness(PLAIN.withSocks4(false)).feed(SOCKS4_CONNECT, 0);
        assertThat(off.reply()).isEmpty();
        assertThat(off.client.isConnected()).isFalse();
    }

    @Test
    void socks4RefusedConnectionIsRejectedWith91AndCloses() {
        SocksHarness harness = new SocksHarness(PLAIN).feed(SOCKS4_CONNECT, 0);
        harness.reactor.tcpClients().get(0).connector().failConnection(
                new ConnectionRefusedError(new IPv4Address(AddressType.TCP, "10.0.0.5", 80)));
        assertThat(harness.reply()).isEqualTo(SOCKS4_REJECTED);
        assertThat(harness.client.isConnected()).isFalse();
    }

    // ---- SOCKS5 ----

    @Test
    void socks5NoAuthConnectToIPv4SplitAnywhereIsGranted() {
        byte[] stream = concat(SOCKS5_NO_AUTH, SOCKS5_CONNECT_V4, ascii("hi"));
        for (int split = 0; split <= stream.length; split++) {
            SocksHarness harness = new SocksHarness(PLAIN).feed(stream, split);
            assertThat(harness.reply()).as("split at %d", split).isEqualTo(bytes(5, 0));
            assertThat(harness.reactor.tcpClients()).singleElement()
                    .satisfies(c -> assertThat(c.host() + ":" + c.port()).isEqualTo("10.0.0.5:80"));
            harness.connectOutgoing();
            assertThat(harness.reply()).isEqualTo(SOCKS5_GRANTED_V4);
            assertThat(harness.outgoing.valueAsString()).isEqualTo("hi");
        }
    }

    @Test
    void socks5ConnectToIPv6RepliesWithAnIPv6BoundAddress() {
        byte[] stream = concat(SOCKS5_NO_AUTH, bytes(5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 22));
        for (int split = 0; split <= stream.length; split++) {
            SocksHarness harness = new SocksHarness(PLAIN);
            harness.outgoing = new org.twisted4j.testing.StringTransportWithDisconnection(
                    new IPv6Address(AddressType.TCP, "::1", 40000), SocksHarness.BOUND);
            harness.feed(stream, split);
            assertThat(harness.reactor.tcpClients()).singleElement()
                    .satisfies(c -> assertThat(c.host() + ":" + c.port()).isEqualTo("0:0:0:0:0:0:0:1:22"));
            harness.connectOutgoing();
            assertThat(harness.reply()).isEqualTo(concat(bytes(5, 0), bytes(5, 0, 0, 4), new byte[15], bytes(1, 0x9c, 0x40)));
        }
    }

    @Test
    void socks5DomainNameIsResolvedThenConnected() {
        byte[] stream = concat(SOCKS5_NO_AUTH, socks5Domain("example.test", 443));
        for (int split = 0; split <= stream.length; split++) {
            SocksHarness harness = new SocksHarness(PLAIN).feed(stream, split);
            assertThat(harness.lookups).containsExactly("example.test");
            harness.answers.get(0).callback(List.of(address("2001:db8::7"), address("192.0.2.1")));
            assertThat(harness.reactor.tcpClients()).singleElement()
                    .satisfies(c -> assertThat(c.host() + ":" + c.port()).isEqualTo("2001:db8:0:0:0:0:0:7:443"));
        }
    }

    @Test
    void socks5DomainThatIsAnAddressLiteralIsNotLookedUp() {
        SocksHarness harness = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, socks5Domain("127.0.0.1", 8080)), 0);
        assertThat(harness.lookups).isEmpty();
        assertThat(harness.reactor.tcpClients()).singleElement()
                .satisfies(c -> assertThat(c.host() + ":" + c.port()).isEqualTo("127.0.0.1:8080"));
    }

    @Test
    void socks5ClientOfferingNoAcceptableMethodIsToldAndClosed() {
        SocksHarness noAuthOnly = new SocksHarness(PASSWORDS).feed(bytes(5, 2, 0, 1), 0);
        assertThat(noAuthOnly.reply()).isEqualTo(bytes(5, 0xff));
        assertThat(noAuthOnly.client.isConnected()).isFalse();

        SocksHarness passwordOnly = new SocksHarness(PLAIN).feed(bytes(5, 1, 2), 0);
        assertThat(passwordOnly.reply()).isEqualTo(bytes(5, 0xff));

        SocksHarness none = new SocksHarness(PLAIN).feed(bytes(5, 0), 0);
        assertThat(none.reply()).isEqualTo(bytes(5, 0xff));
        assertThat(none.client.isConnected()).isFalse();
    }

    @Test
    void socks5GoodPasswordSplitAnywhereIsAcceptedAndTheRequestFollows() {
        byte[] stream = concat(bytes(5, 2, 0, 2), bytes(1, 5), ascii("alice"), bytes(6), ascii("s3cret"), SOCKS5_CONNECT_V4);
        for (int split = 0; split <= stream.length; split++) {
            SocksHarness harness = new SocksHarness(PASSWORDS).feed(stream, split);
            assertThat(harness.reply()).as("split at %d", split).isEqualTo(bytes(5, 2, 1, 0));
            assertThat(harness.reactor.tcpClients()).hasSize(1);
            harness.connectOutgoing();
            assertThat(harness.reply()).isEqualTo(SOCKS5_GRANTED_V4);
        }
    }

    @Test
    void socks5BadPasswordIsRefusedAndClosedWithoutConnecting() {
        byte[] stream = concat(bytes(5, 1, 2), bytes(1, 5), ascii("alice"), bytes(5), ascii("wrong"), SOCKS5_CONNECT_V4);
        for (int split = 0; split <= stream.length; split++) {
            SocksHarness harness = new SocksHarness(PASSWORDS).feed(stream, split);
            assertThat(harness.reply()).isEqualTo(bytes(5, 2, 1, 1));
            assertThat(harness.client.isConnected()).isFalse();
            assertThat(harness.reactor.tcpClients()).isEmpty();
        }
    }

    @Test
    void socks5CheckerAnsweringLaterHoldsTheRequestUntilItDoes() {
        Deferred<Boolean> verdict = new Deferred<>();
        SocksHarness harness = new SocksHarness(PLAIN.withCredentials((user, password) -> verdict));
        harness.feed(concat(bytes(5, 1, 2), bytes(1, 1), ascii("u"), bytes(1), ascii("p"), SOCKS5_CONNECT_V4), 0);
        assertThat(harness.reply()).isEqualTo(bytes(5, 2));
        assertThat(harness.client.producerState()).isEqualTo(ProducerState.PAUSED);
        assertThat(harness.reactor.tcpClients()).isEmpty();
        verdict.callback(true);
        assertThat(harness.reply()).isEqualTo(bytes(1, 0));
        assertThat(harness.reactor.tcpClients()).hasSize(1);
    }

    @Test
    void socks5CheckerFailingCountsAsRefusal() {
        SocksHarness harness = new SocksHarness(PLAIN.withCredentials((user, password) -> Deferred.fail(new IllegalStateException("directory down"))));
        harness.feed(concat(bytes(5, 1, 2), bytes(1, 1), ascii("u"), bytes(1), ascii("p")), 0);
        assertThat(harness.reply()).isEqualTo(bytes(5, 2, 1, 1));
        assertThat(harness.client.isConnected()).isFalse();
    }

    @Test
    void socks5BindAndUdpAssociateAreNotSupported() {
        for (int command : new int[] {2, 3}) {
            SocksHarness harness = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, bytes(5, command, 0, 1, 10, 0, 0, 5, 0, 80)), 4);
            assertThat(harness.reply()).isEqualTo(concat(bytes(5, 0), socks5Failure(0x07)));
            assertThat(harness.client.isConnected()).isFalse();
            assertThat(harness.reactor.tcpClients()).isEmpty();
        }
    }

    @Test
    void socks5UnknownAddressTypeIsNotSupported() {
        SocksHarness harness = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, bytes(5, 1, 0, 9, 1, 2, 3)), 0);
        assertThat(harness.reply()).isEqualTo(concat(bytes(5, 0), socks5Failure(0x08)));
        assertThat(harness.client.isConnected()).isFalse();
    }

    @Test
    void socks5FailuresAreAnsweredWithTheirReplyCodes() {
        IPv4Address destination = new IPv4Address(AddressType.TCP, "10.0.0.5", 80);
        assertFailureCode(new ConnectionRefusedError(destination), 0x05);
        assertFailureCode(new ConnectionTimeoutError(destination, 30), 0x04);
        assertFailureCode(new ConnectError("no route", new java.net.NoRouteToHostException("No route to host")), 0x04);
        assertFailureCode(new ConnectError("unreachable", new java.net.ConnectException("Network is unreachable")), 0x03);
        assertFailureCode(new ConnectError("something else"), 0x01);
    }

    private static void assertFailureCode(Throwable reason, int code) {
        SocksHarness harness = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, SOCKS5_CONNECT_V4), 0);
        harness.reply();
        harness.reactor.tcpClients().get(0).connector().failConnection(reason);
        assertThat(harness.reply()).as("%s", reason).isEqualTo(socks5Failure(code));
        assertThat(harness.client.isConnected()).isFalse();
    }

    @Test
    void socks5UnresolvableNameIsHostUnreachable() {
        SocksHarness harness = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, socks5Domain("nowhere.test", 80)), 0);
        harness.reply();
        harness.answers.get(0).errback(new java.net.UnknownHostException("nowhere.test"));
        assertThat(harness.reply()).isEqualTo(socks5Failure(0x04));
        SocksHarness empty = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, socks5Domain("empty.test", 80)), 0);
        empty.reply();
        empty.answers.get(0).callback(List.of());
        assertThat(empty.reply()).isEqualTo(socks5Failure(0x04));
    }

    // ---- every path, split everywhere ----

    /** One request stream and what the server must do with it before any connection is made. */
    private record Case(String name, SocksOptions options, byte[] stream, byte[] reply, boolean open, String dialled) {
    }

    private static String outcome(SocksHarness harness) {
        String dialled = harness.reactor.tcpClients().isEmpty() ? ""
                : harness.reactor.tcpClients().get(0).host() + ":" + harness.reactor.tcpClients().get(0).port();
        return java.util.HexFormat.of().formatHex(harness.reply()) + " open=" + harness.client.isConnected()
                + " dialled=" + dialled + " lookups=" + harness.lookups;
    }

    @Test
    void everyParserPathHasTheSameOutcomeWhereverTheStreamIsSplit() {
        byte[] socks5v6 = concat(SOCKS5_NO_AUTH, bytes(5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 22));
        List<Case> cases = List.of(
                new Case("socks4", PLAIN, SOCKS4_CONNECT, new byte[0], true, "10.0.0.5:80"),
                new Case("socks4a", PLAIN, concat(bytes(4, 1, 0, 80, 0, 0, 0, 1), bytes(0), ascii("a.test"), bytes(0)),
                        new byte[0], true, ""),
                new Case("socks4 bind", PLAIN, concat(bytes(4, 2, 0, 80, 10, 0, 0, 5), bytes(0)), SOCKS4_REJECTED, false, ""),
                new Case("socks4 long user", PLAIN.withMaxFieldLength(4), concat(bytes(4, 1, 0, 80, 10, 0, 0, 5), ascii("abcde")),
                        SOCKS4_REJECTED, false, ""),
                new Case("socks4 with passwords", PASSWORDS, SOCKS4_CONNECT, SOCKS4_REJECTED, false, ""),
                new Case("socks5 ipv4", PLAIN, concat(SOCKS5_NO_AUTH, SOCKS5_CONNECT_V4), bytes(5, 0), true, "10.0.0.5:80"),
                new Case("socks5 ipv6", PLAIN, socks5v6, bytes(5, 0), true, "0:0:0:0:0:0:0:1:22"),
                new Case("socks5 domain", PLAIN, concat(SOCKS5_NO_AUTH, socks5Domain("b.test", 80)), bytes(5, 0), true, ""),
                new Case("socks5 no method", PLAIN, bytes(5, 2, 2, 3), bytes(5, 0xff), false, ""),
                new Case("socks5 good password", PASSWORDS, concat(bytes(5, 1, 2), bytes(1, 5), ascii("alice"), bytes(6),
                        ascii("s3cret"), SOCKS5_CONNECT_V4), bytes(5, 2, 1, 0), true, "10.0.0.5:80"),
                new Case("socks5 bad password", PASSWORDS, concat(bytes(5, 1, 2), bytes(1, 1), ascii("x"), bytes(1), ascii("y")),
                        bytes(5, 2, 1, 1), false, ""),
                new Case("socks5 bind", PLAIN, concat(SOCKS5_NO_AUTH, bytes(5, 2, 0, 3, 1, 0x68, 0, 80)),
                        concat(bytes(5, 0), socks5Failure(7)), false, ""),
                new Case("socks5 udp", PLAIN, concat(SOCKS5_NO_AUTH, bytes(5, 3, 0, 1, 0, 0, 0, 0, 0, 0)),
                        concat(bytes(5, 0), socks5Failure(7)), false, ""),
                new Case("socks5 address type", PLAIN, concat(SOCKS5_NO_AUTH, bytes(5, 1, 0, 2, 9)),
                        concat(bytes(5, 0), socks5Failure(8)), false, ""),
                new Case("socks5 request version", PLAIN, concat(SOCKS5_NO_AUTH, bytes(1, 1, 0, 1, 10, 0, 0, 5, 0, 80)),
                        bytes(5, 0), false, ""),
                new Case("bad version", PLAIN, bytes(1, 2, 3), new byte[0], false, ""));
        for (Case c : cases) {
            SocksHarness whole = new SocksHarness(c.options()).feed(c.stream(), 0);
            String expected = outcome(whole);
            assertThat(expected).as(c.name()).startsWith(java.util.HexFormat.of().formatHex(c.reply()) + " open=" + c.open()
                    + " dialled=" + c.dialled() + " ");
            for (int split = 1; split < c.stream().length; split++) {
                assertThat(outcome(new SocksHarness(c.options()).feed(c.stream(), split)))
                        .as("%s split at %d", c.name(), split).isEqualTo(expected);
            }
            assertThat(outcome(new SocksHarness(c.options()).feedBytewise(c.stream()))).as("%s byte by byte", c.name())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aFactoryOnAReactorWithoutThreadsNeedsAResolver() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new org.twisted4j.protocols.socks.SocksFactory(new org.twisted4j.testing.MemoryReactor(), PLAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolver");
    }

    // ---- versions, closing, log ----

    @Test
    void wrongVersionsCloseWithoutAnAnswer() {
        for (byte[] stream : List.of(bytes(6, 1, 0), bytes(0x47, 0x45, 0x54),
                concat(SOCKS5_NO_AUTH, bytes(4, 1, 0, 1, 10, 0, 0, 5, 0, 80)))) {
            SocksHarness harness = new SocksHarness(PLAIN).feed(stream, 0);
            assertThat(harness.reply()).isIn(new byte[0], bytes(5, 0));
            assertThat(harness.client.isConnected()).isFalse();
            assertThat(harness.reactor.tcpClients()).isEmpty();
        }
        SocksHarness badAuthVersion = new SocksHarness(PASSWORDS).feed(concat(bytes(5, 1, 2), bytes(2, 1, 0x61, 1, 0x62)), 0);
        assertThat(badAuthVersion.reply()).isEqualTo(bytes(5, 2));
        assertThat(badAuthVersion.client.isConnected()).isFalse();
        SocksHarness socks5Off = new SocksHarness(PLAIN.withSocks5(false)).feed(SOCKS5_NO_AUTH, 0);
        assertThat(socks5Off.reply()).isEmpty();
        assertThat(socks5Off.client.isConnected()).isFalse();
    }

    @Test
    void clientLeavingWhileConnectingCallsOffTheAttempt() {
        SocksHarness harness = new SocksHarness(PLAIN).feed(SOCKS4_CONNECT, 0);
        harness.client.loseConnection();
        assertThat(harness.reactor.tcpClients().get(0).connector().isDisconnected()).isTrue();
    }

    @Test
    void relayedConnectionClosesTheClientWhenTheDestinationCloses() {
        SocksHarness harness = new SocksHarness(PLAIN).feed(concat(SOCKS5_NO_AUTH, SOCKS5_CONNECT_V4), 0);
        harness.connectOutgoing();
        harness.server.dataReceived(java.nio.ByteBuffer.wrap(ascii("ping")));
        assertThat(harness.outgoing.valueAsString()).isEqualTo("ping");
        harness.outgoing.protocol().dataReceived(java.nio.ByteBuffer.wrap(ascii("pong")));
        harness.outgoing.loseConnection();
        assertThat(harness.client.valueAsString()).endsWith("pong");
        assertThat(harness.client.isConnected()).isFalse();
    }

    @Test
    void everyConnectRequestWritesOneLogLine() {
        StringWriter log = new StringWriter();
        SocksOptions logged = PLAIN.withLog(log);
        new SocksHarness(logged).feed(concat(SOCKS5_NO_AUTH, SOCKS5_CONNECT_V4), 0).connectOutgoing();
        SocksHarness refused = new SocksHarness(logged).feed(SOCKS4_CONNECT, 0);
        refused.reactor.tcpClients().get(0).connector().failConnection(
                new ConnectionRefusedError(new IPv4Address(AddressType.TCP, "10.0.0.5", 80)));
        new SocksHarness(logged).feed(concat(SOCKS5_NO_AUTH, bytes(5, 2, 0, 1, 10, 0, 0, 5, 0, 80)), 0);
        assertThat(log.toString().lines().toList()).satisfiesExactly(
                line -> assertThat(line).isEqualTo("192.168.1.1:54321\tsocks5\tCONNECT\t10.0.0.5:80\tgranted"),
                line -> assertThat(line).startsWith("192.168.1.1:54321\tsocks4\tCONNECT\t10.0.0.5:80\trefused: connection refused"),
                line -> assertThat(line).isEqualTo("192.168.1.1:54321\tsocks5\tBIND\t10.0.0.5:80\trefused: command not supported"));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
