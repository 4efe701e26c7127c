package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.words.irc.IRCClient;
import org.twisted4j.words.service.ChatService;
import org.twisted4j.words.service.IrcServerFactory;

@ExtendWith(TrialExtension.class)
class IrcBotTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void answersEchoAndTimeAndLogsTheChannel(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("bot.log");
        StringTransport transport = new StringTransport();
        IrcBot bot = new IrcBot(new org.twisted4j.internet.task.Clock(), NOON, "logbot", "#twisted", log);
        bot.makeConnection(transport);
        bot.dataReceived(ByteBuffer.wrap((":srv 001 logbot :hi\r\n:logbot!b@h JOIN #twisted\r\n"
                + ":alice!a@h PRIVMSG #twisted :!echo hello there\r\n:alice!a@h PRIVMSG #twisted :!time\r\n"
                + ":alice!a@h PRIVMSG logbot :!echo private\r\n:bob!b@h JOIN #twisted\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(transport.valueAsString(StandardCharsets.UTF_8)).endsWith("JOIN #twisted\r\n"
                + "PRIVMSG #twisted :hello there\r\n"
                + "PRIVMSG #twisted :alice: it is Mon, 7 Dec 2026 12:00:00 GMT\r\n"
                + "PRIVMSG alice private\r\n");
        assertThat(Files.readAllLines(log)).containsExactly(
                "[12:00:00] [connected]",
                "[12:00:00] [I have joined #twisted]",
                "[12:00:00] <alice> !echo hello there",
                "[12:00:00] <logbot> hello there",
                "[12:00:00] <alice> !time",
                "[12:00:00] <logbot> alice: it is Mon, 7 Dec 2026 12:00:00 GMT",
                "[12:00:00] <alice> !echo private",
                "[12:00:00] <logbot> private",
                "[12:00:00] [bob joined #twisted]");
    }

    @Test
    void botOnOurServerAnswersARealClient(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        ChatService service = new ChatService("irc.example");
        service.createGroup("twisted");
        ListeningPort port = reactor.listenTCP(0, new IrcServerFactory(service, reactor,
                new Portal(service, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("logbot", "x", "alice", "y")))),
                50, "127.0.0.1");
        String where = "tcp:host=127.0.0.1:port=" + ((IPv4Address) port.getHost()).port();
        Path log = dir.resolve("bot.log");
        IrcBot bot = new IrcBot(reactor, Clock.systemUTC(), "logbot", "#twisted", log);
        bot.setPassword("x");
        bot.setHeartbeatInterval(0);
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), bot));
        Deferred<String> echoed = new Deferred<>();
        Deferred<Void> aliceJoined = new Deferred<>();
        IRCClient alice = new IRCClient(reactor) {
            @Override
            protected void signedOn() {
                join("#twisted", null);
            }

            @Override
            protected void namesReceived(String channel, java.util.List<org.twisted4j.words.irc.ChannelMember> members) {
                if (members.stream().anyMatch(m -> m.nick().equals("logbot")) && !aliceJoined.isCalled()) {
                    aliceJoined.callback(null);
                }
            }

            @Override
            protected void userJoined(String nick, String channel) {
                if (nick.equals("logbot") && !aliceJoined.isCalled()) {
                    aliceJoined.callback(null);
                }
            }

            @Override
            protected void privmsg(String user, String channel, String message) {
                if (user.startsWith("logbot!") && !echoed.isCalled()) {
                    echoed.callback(message);
                }
            }
        };
        alice.setNickname("alice");
        alice.setPassword("y");
        alice.setHeartbeatInterval(0);
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), alice));
        Coroutine.await(aliceJoined);
        alice.say("#twisted", "!echo round trip");
        assertThat(Coroutine.await(echoed)).isEqualTo("round trip");
        alice.quit("bye");
        bot.quit("bye");
        Coroutine.await(bot.done());
        Coroutine.await(port.stopListening());
        assertThat(Files.readString(log)).contains("<alice> !echo round trip", "<logbot> round trip", "[disconnected]");
    }
}
