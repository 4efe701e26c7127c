package org.twisted4j.words.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

class IRCClientTest {

    private final Clock clock = new Clock();
    private final StringTransport transport = new StringTransport();
    private Recorder client;

    /** Records every callback as one line. */
    static class Recorder extends IRCClient {
        final List<String> events = new ArrayList<>();
        final List<Instant> times = new ArrayList<>();
        final List<@Nullable String> accounts = new ArrayList<>();

        Recorder(Clock clock) {
            super(clock);
        }

        @Override protected void signedOn() { events.add("signedOn " + nickname()); }
        @Override protected void joined(String channel) { events.add("joined " + channel); }
        @Override protected void left(String channel) { events.add("left " + channel); }
        @Override protected void privmsg(String user, String channel, String message) {
            events.add("privmsg " + user + " " + channel + " " + message);
            times.add(messageTime());
            accounts.add(messageAccount());
        }
        @Override protected void noticed(String user, String channel, String message) { events.add("noticed " + channel + " " + message); }
        @Override protected void action(String user, String channel, String data) { events.add("action " + user + " " + channel + " " + data); }
        @Override protected void modeChanged(String user, String channel, boolean set, String modes, List<@Nullable String> args) {
            events.add("mode " + channel + " " + (set ? "+" : "-") + modes + " " + args);
        }
        @Override protected void userJoined(String nick, String channel) { events.add("userJoined " + nick + " " + channel); }
        @Override protected void userLeft(String nick, String channel) { events.add("userLeft " + nick + " " + channel); }
        @Override protected void userQuit(String nick, String msg) { events.add("userQuit " + nick + " " + msg); }
        @Override protected void userKicked(String kickee, String channel, String kicker, String msg) { events.add("userKicked " + kickee + " " + channel + " " + kicker + " " + msg); }
        @Override protected void kickedFrom(String channel, String kicker, String msg) { events.add("kickedFrom " + channel + " " + kicker + " " + msg); }
        @Override protected void userRenamed(String o, String n) { events.add("userRenamed " + o + " " + n); }
        @Override protected void nickChanged(String n) { events.add("nickChanged " + n); }
        @Override protected void topicUpdated(String user, String channel, String topic) { events.add("topic " + user + " " + channel + " " + topic); }
        @Override protected void receivedMOTD(List<String> motd) { events.add("motd " + motd); }
        @Override protected void namesReceived(String channel, List<ChannelMember> members) { events.add("names " + channel + " " + members); }
        @Override protected void userAway(String nick, String message) { events.add("away " + nick + " " + message); }
        @Override protected void userBack(String nick) { events.add("back " + nick); }
        @Override protected void pong(String user, double secs) { events.add("pong " + user + " " + secs); }
        @Override protected void dccOffered(String user, String channel, DccOffer offer) { events.add("dcc " + offer); }
        @Override protected void capabilitiesAcknowledged(Set<String> enabled) { events.add("caps " + new java.util.TreeSet<>(enabled)); }
        @Override protected void saslSucceeded() { events.add("sasl ok"); }
        @Override protected void saslFailed(String reason) { events.add("sasl failed " + reason); }
        @Override protected void saslMechanismsOffered(List<String> mechanisms) { events.add("mechs " + mechanisms); }
        @Override protected void loggedIn(String mask, String account) { events.add("loggedIn " + mask + " " + account); }
        @Override protected void loggedOut(String mask) { events.add("loggedOut " + mask); }
        @Override protected void batchStarted(String ref, String type, List<String> params) { events.add("batch+ " + ref + " " + type + " " + params); }
        @Override protected void batchEnded(String ref, String type, List<IrcMessage> messages) { events.add("batch- " + ref + " " + messages.size()); }
    }

    @BeforeEach
    void setUp() {
        client = new Recorder(clock);
        client.setNickname("alice");
        client.setWallClock(java.time.Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC));
    }

    private void connect() {
        client.makeConnection(transport);
    }

    private void receive(String... lines) {
        client.dataReceived(ByteBuffer.wrap((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private String sent() {
        String s = transport.valueAsString(StandardCharsets.UTF_8);
        transport.clear();
        return s;
    }

    @Test
    void registersWithPassNickUser() {
        client.setPassword("secret");
        client.setRealname("Alice Liddell");
        connect();
        assertThat(sent()).isEqualTo("PASS secret\r\nNICK alice\r\nUSER alice 0 * :Alice Liddell\r\n");
    }

    @Test
    void nickCollisionTriesAnotherThenSignsOnWithIt() {
        connect();
        sent();
        receive(":srv 433 * alice :Nickname is already in use");
        assertThat(sent()).isEqualTo("NICK alice_\r\n");
        receive(":srv 433 * alice_ :Nickname is already in use");
        assertThat(sent()).isEqualTo("NICK alice__\r\n");
        receive(":srv 001 alice__ :Welcome");
        assertThat(client.nickname()).isEqualTo("alice__");
        assertThat(client.events).containsExactly("signedOn alice__");
    }

    @Test
    void answersPingAndSendsHeartbeat() {
        client.setHeartbeatInterval(60);
        connect();
        receive("PING :irc.example");
        assertThat(sent()).endsWith("PONG irc.example\r\n");
        receive(":irc.example 001 alice :Welcome");
        clock.advance(59);
        assertThat(sent()).isEmpty();
        clock.advance(1);
        assertThat(sent()).isEqualTo("PING irc.example\r\n");
        clock.advance(60);
        assertThat(sent()).isEqualTo("PING irc.example\r\n");
    }

    @Test
    void lineRateSpacesLinesOnTheClock() {
        connect();
        sent();
        client.setLineRate(1.0);
        client.msg("bob", "one");
        client.msg("bob", "two");
        client.msg("bob", "three");
        assertThat(sent()).isEqualTo("PRIVMSG bob one\r\n");
        clock.advance(0.5);
        assertThat(sent()).isEmpty();
        clock.advance(0.5);
        assertThat(sent()).isEqualTo("PRIVMSG bob two\r\n");
        clock.advance(1);
        assertThat(sent()).isEqualTo("PRIVMSG bob three\r\n");
        clock.advance(5);
        client.msg("bob", "four");
        assertThat(sent()).isEqualTo("PRIVMSG bob four\r\n");
    }

    @Test
    void longMessagesAreSplitToFitTheLine() {
        connect();
        sent();
        client.msg("#chan", "é".repeat(600));
        String[] lines = sent().split("\r\n");
        assertThat(lines.length).isGreaterThan(2);
        StringBuilder joined = new StringBuilder();
        for (String line : lines) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2 + 1 + 6 + 1 + 10 + 1 + 63 + 1).isLessThanOrEqualTo(512);
            joined.append(line.substring("PRIVMSG #chan ".length()));
        }
        assertThat(joined.toString()).isEqualTo("é".repeat(600));
    }

    @Test
    void channelEventsReachTheirCallbacks() {
        connect();
        receive(":srv 001 alice :hi",
                ":alice!a@h JOIN #chan",
                ":bob!b@h JOIN :#chan",
                ":srv 332 alice #chan :the topic",
                ":srv 353 alice = #chan :@bob alice",
                ":srv 366 alice #chan :End of NAMES",
                ":bob!b@h PRIVMSG #chan :hello alice",
                ":bob!b@h NOTICE alice :psst",
                ":bob!b@h MODE #chan +ov-b alice alice *!*@bad",
                ":bob!b@h MODE #chan +lk 10 key",
                ":bob!b@h TOPIC #chan :new topic",
                ":bob!b@h NICK robert",
                ":robert!b@h KICK #chan carol :bye",
                ":robert!b@h PART #chan",
                ":dave!d@h QUIT :gone",
                ":alice!a@h NICK alicia",
                ":robert!b@h KICK #chan alicia :out",
                ":srv 375 alicia :- motd -",
                ":srv 372 alicia :- line",
                ":srv 376 alicia :end");
        assertThat(client.events).containsExactly(
                "signedOn alice", "joined #chan", "userJoined bob #chan", "topic srv #chan the topic",
                "names #chan [ChannelMember[nick=bob, prefixes=@, mask=bob], ChannelMember[nick=alice, prefixes=, mask=alice]]",
                "privmsg bob!b@h #chan hello alice", "noticed alice psst",
                "mode #chan +ov [alice, alice]", "mode #chan -b [*!*@bad]", "mode #chan +lk [10, key]",
                "topic bob #chan new topic", "userRenamed bob robert", "userKicked carol #chan robert bye",
                "userLeft robert #chan", "userQuit dave gone", "nickChanged alicia", "kickedFrom #chan robert out",
                "motd [- motd -, - line]");
    }

    @Test
    void ctcpQueriesAreAnswered() {
        client.setVersion("twisted4j", "0.1", "Java");
        connect();
        sent();
        receive(":bob!b@h PRIVMSG alice :\u0001PING 12345\u0001",
                ":bob!b@h PRIVMSG alice :\u0001VERSION\u0001",
                ":bob!b@h PRIVMSG alice :\u0001TIME\u0001",
                ":bob!b@h PRIVMSG alice :\u0001CLIENTINFO\u0001",
                ":bob!b@h PRIVMSG #chan :\u0001ACTION waves\u0001",
                ":bob!b@h PRIVMSG alice :\u0001FOO bar\u0001",
                ":bob!b@h PRIVMSG alice :\u0001DCC SEND \"my file.txt\" 3232235777 5000 1024\u0001");
        assertThat(sent()).isEqualTo("NOTICE bob :\u0001PING 12345\u0001\r\n"
                + "NOTICE bob :\u0001VERSION twisted4j:0.1:Java\u0001\r\n"
                + "NOTICE bob :\u0001TIME :Mon, 7 Dec 2026 04:00:00 GMT\u0001\r\n"
                + "NOTICE bob :\u0001CLIENTINFO ACTION CLIENTINFO DCC PING SOURCE TIME USERINFO VERSION\u0001\r\n"
                + "NOTICE bob :\u0001ERRMSG FOO bar :Unknown query 'FOO'\u0001\r\n");
        assertThat(client.events).containsExactly("action bob!b@h #chan waves",
                "dcc DccOffer[type=SEND, argument=my file.txt, host=192.168.1.1, port=5000, size=1024]");
    }

    @Test
    void ctcpPingReplyReportsRoundTrip() {
        connect();
        sent();
        client.ping("bob", "k1");
        assertThat(sent()).isEqualTo("PRIVMSG bob :\u0001PING k1\u0001\r\n");
        clock.advance(2);
        receive(":bob!b@h NOTICE alice :\u0001PING k1\u0001");
        assertThat(client.events).containsExactly("pong bob!b@h 2.0");
    }

    @Test
    void isupportIsParsed() {
        connect();
        receive(":srv 005 alice PREFIX=(qov)~@+ CHANTYPES=#! CHANMODES=beI,k,l,imnpst NETWORK=Test :are supported by this server");
        assertThat(client.supported().prefixes().keySet()).containsExactly('q', 'o', 'v');
        assertThat(client.supported().getFeature("NETWORK")).contains("Test");
        receive(":bob!b@h MODE !chan +qI alice *!*@x");
        assertThat(client.events).containsExactly("mode !chan +qI [alice, *!*@x]");
    }

    @Test
    void capabilitiesAndSaslPlainAreNegotiated() {
        client.requestCapabilities("server-time", "multi-prefix", "account-tag", "away-notify", "echo-message", "batch");
        client.setSaslPlain("alice", "pw");
        connect();
        assertThat(sent()).isEqualTo("CAP LS 302\r\nNICK alice\r\nUSER alice 0 * alice\r\n");
        receive(":srv CAP * LS * :multi-prefix sasl=PLAIN,EXTERNAL server-time",
                ":srv CAP * LS :away-notify account-tag chghost");
        assertThat(sent()).isEqualTo("CAP REQ :multi-prefix sasl server-time away-notify account-tag\r\n");
        receive(":srv CAP alice ACK :multi-prefix sasl server-time away-notify account-tag");
        assertThat(sent()).isEqualTo("AUTHENTICATE PLAIN\r\n");
        receive("AUTHENTICATE +");
        assertThat(sent()).isEqualTo("AUTHENTICATE " + Base64.getEncoder().encodeToString("\0alice\0pw".getBytes(StandardCharsets.UTF_8)) + "\r\n");
        receive(":srv 900 alice alice!a@h alice :You are now logged in", ":srv 903 alice :SASL authentication successful");
        assertThat(sent()).isEqualTo("CAP END\r\n");
        receive(":srv 001 alice :hi",
                "@time=2020-01-02T03:04:05.678Z;account=bobacc :bob!b@h PRIVMSG alice :tagged",
                ":srv 353 alice = #c :@+bob +carol",
                ":srv 366 alice #c :end",
                ":bob!b@h AWAY :lunch",
                ":bob!b@h AWAY");
        assertThat(client.events).containsExactly(
                "caps [account-tag, away-notify, multi-prefix, sasl, server-time]", "loggedIn alice!a@h alice", "sasl ok",
                "signedOn alice",
                "privmsg bob!b@h alice tagged",
                "names #c [ChannelMember[nick=bob, prefixes=@+, mask=bob], ChannelMember[nick=carol, prefixes=+, mask=carol]]",
                "away bob lunch", "back bob");
        assertThat(client.times).containsExactly(Instant.parse("2020-01-02T03:04:05.678Z"));
        assertThat(client.accounts).containsExactly("bobacc");
        assertThat(client.enabledCapabilities()).contains("sasl", "server-time");
        assertThat(client.account()).isEqualTo("alice");
        client.events.clear();
        receive(":srv 901 alice alice!a@h :You are now logged out");
        assertThat(client.events).containsExactly("loggedOut alice!a@h");
        assertThat(client.account()).isNull();
    }

    @Test
    void mechanismListDoesNotEndSaslButTheFailureAfterItDoes() {
        client.setSaslPlain("alice", "pw");
        connect();
        sent();
        receive(":srv CAP * LS :sasl");
        receive(":srv CAP * ACK :sasl");
        assertThat(sent()).isEqualTo("CAP REQ :sasl\r\nAUTHENTICATE PLAIN\r\n");
        receive(":srv 908 alice EXTERNAL,SCRAM-SHA-256 :are available SASL mechanisms");
        assertThat(sent()).isEmpty();
        receive(":srv 904 alice :SASL authentication failed");
        assertThat(sent()).isEqualTo("CAP END\r\n");
        assertThat(client.events).containsExactly("caps [sasl]", "mechs [EXTERNAL, SCRAM-SHA-256]",
                "sasl failed 904 SASL authentication failed");
        assertThat(client.account()).isNull();
    }

    @Test
    void saslFailureStillEndsNegotiation() {
        client.setSaslExternal("");
        connect();
        sent();
        receive(":srv CAP * LS :sasl");
        assertThat(sent()).isEqualTo("CAP REQ :sasl\r\n");
        receive(":srv CAP * ACK :sasl");
        assertThat(sent()).isEqualTo("AUTHENTICATE EXTERNAL\r\n");
        receive("AUTHENTICATE +");
        assertThat(sent()).isEqualTo("AUTHENTICATE +\r\n");
        receive(":srv 904 alice :SASL authentication failed");
        assertThat(sent()).isEqualTo("CAP END\r\n");
        assertThat(client.events).containsExactly("caps [sasl]", "sasl failed 904 SASL authentication failed");
    }

    @Test
    void capNakEndsNegotiationAndNoCapsMeansNoCapLs() {
        client.requestCapabilities("echo-message");
        connect();
        sent();
        receive(":srv CAP * LS :echo-message");
        assertThat(sent()).isEqualTo("CAP REQ :echo-message\r\n");
        receive(":srv CAP * NAK :echo-message");
        assertThat(sent()).isEqualTo("CAP END\r\n");
    }

    @Test
    void batchesCollectTheirMessages() {
        connect();
        receive(":srv BATCH +b1 chathistory #c",
                "@batch=b1 :bob!b@h PRIVMSG #c :one",
                "@batch=b1 :bob!b@h PRIVMSG #c :two",
                ":srv BATCH -b1");
        assertThat(client.events).containsExactly("batch+ b1 chathistory [#c]", "privmsg bob!b@h #c one",
                "privmsg bob!b@h #c two", "batch- b1 2");
    }

    @Test
    void echoedOwnMessagesComeBackAsPrivmsg() {
        client.requestCapabilities("echo-message");
        connect();
        receive(":srv 001 alice :hi", ":alice!a@h PRIVMSG #c :my own");
        assertThat(client.events).containsExactly("signedOn alice", "privmsg alice!a@h #c my own");
    }

    @Test
    void badLinesAreIgnoredAndTheClientGoesOn() {
        connect();
        sent();
        receive(":", ": PRIVMSG x :y", "@only-tags", ":bob!b@h PRIVMSG alice :" + "x".repeat(10_000),
                "\u0000\u0001", ":bob!b@h PRIVMSG alice :still here");
        assertThat(client.events).containsExactly("privmsg bob!b@h alice still here");
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void injectionIsRefused() {
        connect();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.sendLine("PRIVMSG x :a\r\nQUIT"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.say("#c", "a\0QUIT"))
                .isInstanceOf(IllegalArgumentException.class);
        sent();
        client.say("#c", "a\rQUIT");
        assertThat(sent()).isEqualTo("PRIVMSG #c a\r\nPRIVMSG #c QUIT\r\n");
    }

    @Test
    void whatAServerSendsIsHeldWithinLimits() {
        List<Integer> sizes = new ArrayList<>();
        IRCClient bounded = new IRCClient(clock) {
            @Override
            protected void namesReceived(String channel, List<ChannelMember> members) {
                sizes.add(members.size());
            }

            @Override
            protected void batchEnded(String ref, String type, List<IrcMessage> messages) {
                sizes.add(messages.size());
            }
        };
        bounded.makeConnection(transport);
        StringBuilder flood = new StringBuilder(":srv BATCH +b x\r\n");
        for (int i = 0; i < 1_500; i++) {
            flood.append(":srv 353 me = #c :");
            for (int j = 0; j < 10; j++) {
                flood.append("n").append(i).append('_').append(j).append(' ');
            }
            flood.append("\r\n@batch=b :srv NOTICE me :x\r\n");
        }
        flood.append(":srv 366 me #c :end\r\n:srv BATCH -b\r\n");
        bounded.dataReceived(ByteBuffer.wrap(flood.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(sizes).containsExactly(IRCClient.MAX_HELD, 1_500);
    }
}
