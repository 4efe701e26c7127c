package org.twisted4j.words.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

class IrcServerTest {

    private final Clock clock = new Clock();
    private ChatService service;
    private IrcServerFactory factory;

    /** One client connection: its protocol and transport. */
    final class Conn {
        final Protocol protocol;
        final StringTransport transport = new StringTransport(StringTransport.DEFAULT_HOST,
                new IPv4Address(AddressType.TCP, "127.0.0.1", 40000));

        Conn() {
            protocol = factory.buildProtocol(transport.getPeer());
            protocol.makeConnection(transport);
        }

        void send(String... lines) {
            protocol.dataReceived(ByteBuffer.wrap((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8)));
        }

        String read() {
            String s = transport.valueAsString(StandardCharsets.UTF_8);
            transport.clear();
            return s;
        }

        boolean closed() {
            return transport.isDisconnecting();
        }
    }

    @BeforeEach
    void setUp() {
        service = new ChatService("irc.test");
        service.createGroup("twisted");
        service.setMotd(List.of("hello"));
        factory = new IrcServerFactory(service, clock, null);
    }

    private void withPortal() {
        Portal portal = new Portal(service, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "pw", "bob", "pw2", "root", "toor")));
        factory = new IrcServerFactory(service, clock, portal);
    }

    private Conn user(String nick) {
        Conn c = new Conn();
        c.send("NICK " + nick, "USER " + nick + " 0 * :" + nick + " real");
        assertThat(c.read()).contains(" 001 " + nick + " ");
        return c;
    }

    @Test
    void registrationIsWelcomedWithNumericsAndMotd() {
        Conn c = new Conn();
        c.send("NICK alice", "USER al 0 * :Alice L");
        assertThat(c.read()).isEqualTo(String.join("\r\n",
                ":irc.test 001 alice :Welcome to the Internet Relay Network alice!al@127.0.0.1",
                ":irc.test 002 alice :Your host is irc.test, running version twisted4j-words-0.1",
                ":irc.test 003 alice :This server was created " + service.createdText(),
                ":irc.test 004 alice irc.test twisted4j-words-0.1 iow biklmnostv",
                ":irc.test 005 alice CASEMAPPING=rfc1459 CHANTYPES=#& PREFIX=(ov)@+ CHANMODES=b,k,l,imnt NICKLEN=30 "
                        + "CHANNELLEN=50 TOPICLEN=390 MODES=3 CHANLIMIT=#&:50 NETWORK=irc.test :are supported by this server",
                ":irc.test 251 alice :There are 1 users and 0 services on 1 servers",
                ":irc.test 254 alice 1 :channels formed",
                ":irc.test 255 alice :I have 1 clients and 0 servers",
                ":irc.test 375 alice :- irc.test Message of the day - ",
                ":irc.test 372 alice :- hello",
                ":irc.test 376 alice :End of MOTD command", ""));
    }

    @Test
    void commandsBeforeRegistrationAreRefused() {
        Conn c = new Conn();
        c.send("JOIN #twisted");
        assertThat(c.read()).isEqualTo(":irc.test 451 * :You have not registered\r\n");
    }

    @Test
    void nickRulesAndRfc1459CaseMapping() {
        user("Alice[1]");
        Conn c = new Conn();
        c.send("NICK alice{1}", "NICK 1abc", "NICK " + "a".repeat(31), "NICK", "NICK bob");
        assertThat(c.read()).isEqualTo(":irc.test 433 * alice{1} :Nickname is already in use\r\n"
                + ":irc.test 432 * 1abc :Erroneous nickname\r\n"
                + ":irc.test 432 * " + "a".repeat(31) + " :Erroneous nickname\r\n"
                + ":irc.test 431 * :No nickname given\r\n");
    }

    @Test
    void twoUsersTalkInAGroupAndPrivately() {
        Conn alice = user("alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted");
        assertThat(alice.read()).isEqualTo(":alice!alice@127.0.0.1 JOIN #twisted\r\n"
                + ":irc.test 353 alice = #twisted :@alice\r\n:irc.test 366 alice #twisted :End of NAMES list\r\n");
        bob.send("JOIN #TWISTED");
        assertThat(bob.read()).isEqualTo(":bob!bob@127.0.0.1 JOIN #twisted\r\n"
                + ":irc.test 353 bob = #twisted :@alice bob\r\n:irc.test 366 bob #twisted :End of NAMES list\r\n");
        assertThat(alice.read()).isEqualTo(":bob!bob@127.0.0.1 JOIN #twisted\r\n");
        bob.send("PRIVMSG #twisted :hello all", "PRIVMSG alice :psst", "NOTICE alice :n");
        assertThat(alice.read()).isEqualTo(":bob!bob@127.0.0.1 PRIVMSG #twisted :hello all\r\n"
                + ":bob!bob@127.0.0.1 PRIVMSG alice :psst\r\n:bob!bob@127.0.0.1 NOTICE alice :n\r\n");
        assertThat(bob.read()).isEmpty();
        bob.send("PART #twisted :bye");
        assertThat(alice.read()).isEqualTo(":bob!bob@127.0.0.1 PART #twisted :bye\r\n");
        bob.send("PRIVMSG #twisted :outside", "PRIVMSG nobody :x", "PRIVMSG", "PRIVMSG alice");
        assertThat(bob.read()).isEqualTo(":bob!bob@127.0.0.1 PART #twisted :bye\r\n:irc.test 404 bob #twisted :Cannot send to channel\r\n"
                + ":irc.test 401 bob nobody :No such nick/channel\r\n"
                + ":irc.test 411 bob :No recipient given (PRIVMSG)\r\n:irc.test 412 bob :No text to send\r\n");
        bob.send("QUIT :later");
        assertThat(bob.closed()).isTrue();
    }

    @Test
    void unknownGroupsAreRefusedUnlessCreatedOnRequest() {
        Conn alice = user("alice");
        alice.send("JOIN #nope", "JOIN bad");
        assertThat(alice.read()).isEqualTo(":irc.test 403 alice #nope :No such channel\r\n:irc.test 403 alice bad :No such channel\r\n");
        service.setCreateGroupOnRequest(true);
        alice.send("JOIN #new", "PART #new");
        assertThat(alice.read()).contains("JOIN #new", "353 alice = #new :@alice", "PART #new");
        assertThat(service.groupNames()).containsExactly("#twisted");
    }

    @Test
    void channelModesAreEnforced() {
        Conn alice = user("alice");
        Conn bob = user("bob");
        Conn carol = user("carol");
        alice.send("JOIN #twisted");
        bob.send("JOIN #twisted");
        alice.read();
        bob.read();
        bob.send("MODE #twisted +m");
        assertThat(bob.read()).isEqualTo(":irc.test 482 bob #twisted :You're not channel operator\r\n");
        alice.send("MODE #twisted +mv bob", "MODE #twisted");
        assertThat(alice.read()).startsWith(":alice!alice@127.0.0.1 MODE #twisted +mv bob\r\n"
                + ":irc.test 324 alice #twisted +mnt\r\n:irc.test 329 alice #twisted ");
        bob.send("PRIVMSG #twisted :voiced");
        assertThat(alice.read()).isEqualTo(":bob!bob@127.0.0.1 PRIVMSG #twisted :voiced\r\n");
        alice.send("MODE #twisted -v+ikl bob sesame 2");
        bob.read();
        carol.send("JOIN #twisted");
        assertThat(carol.read()).isEqualTo(":irc.test 473 carol #twisted :Cannot join channel (+i)\r\n");
        alice.send("MODE #twisted -i", "INVITE carol #twisted");
        assertThat(alice.read()).contains("MODE #twisted -i", "341 alice carol #twisted");
        assertThat(carol.read()).isEqualTo(":alice!alice@127.0.0.1 INVITE carol #twisted\r\n");
        alice.send("MODE #twisted +b carol!*@*", "MODE #twisted b");
        assertThat(alice.read()).contains("MODE #twisted +b carol!*@*", "367 alice #twisted carol!*@*", "368 alice #twisted");
        carol.send("JOIN #twisted");
        assertThat(carol.read()).contains("JOIN #twisted");
        alice.send("MODE #twisted -b carol!*@*", "KICK #twisted carol :out");
        assertThat(carol.read()).contains(":alice!alice@127.0.0.1 KICK #twisted carol :out");
        carol.send("JOIN #twisted");
        assertThat(carol.read()).isEqualTo(":irc.test 475 carol #twisted :Cannot join channel (+k)\r\n");
        carol.send("JOIN #twisted sesame");
        assertThat(carol.read()).isEqualTo(":irc.test 471 carol #twisted :Cannot join channel (+l)\r\n");
        alice.read();
        alice.send("MODE #twisted +x", "MODE #twisted +o nobody");
        assertThat(alice.read()).isEqualTo(":irc.test 472 alice x :is unknown mode char to me for #twisted\r\n"
                + ":irc.test 441 alice nobody #twisted :They aren't on that channel\r\n");
    }

    @Test
    void topicNeedsOperatorUnderPlusT() {
        Conn alice = user("alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted");
        bob.send("JOIN #twisted");
        alice.read();
        bob.read();
        bob.send("TOPIC #twisted :mine");
        assertThat(bob.read()).isEqualTo(":irc.test 482 bob #twisted :You're not channel operator\r\n");
        alice.send("TOPIC #twisted :Twisted in Java");
        assertThat(bob.read()).isEqualTo(":alice!alice@127.0.0.1 TOPIC #twisted :Twisted in Java\r\n");
        bob.send("TOPIC #twisted", "LIST");
        assertThat(bob.read()).contains(":irc.test 332 bob #twisted :Twisted in Java", "333 bob #twisted alice!alice@127.0.0.1",
                ":irc.test 321 bob Channel :Users  Name", ":irc.test 322 bob #twisted 2 :Twisted in Java", ":irc.test 323 bob :End of LIST");
    }

    @Test
    void queriesAnswerWithTheirNumerics() {
        Conn alice = user("alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted");
        bob.send("JOIN #twisted", "AWAY :lunch");
        alice.read();
        assertThat(bob.read()).contains(":irc.test 306 bob :You have been marked as being away");
        alice.send("WHOIS bob", "USERHOST bob alice", "ISON bob nobody alice", "WHO #twisted", "VERSION", "MOTD", "FOO");
        String out = alice.read();
        assertThat(out).contains(
                ":irc.test 311 alice bob bob 127.0.0.1 * :bob real",
                ":irc.test 319 alice bob :#twisted",
                ":irc.test 301 alice bob :lunch",
                ":irc.test 318 alice bob :End of WHOIS list",
                ":irc.test 302 alice :bob=-bob@127.0.0.1 alice=+alice@127.0.0.1",
                ":irc.test 303 alice :bob alice",
                ":irc.test 352 alice #twisted alice 127.0.0.1 irc.test alice H@ :0 alice real",
                ":irc.test 352 alice #twisted bob 127.0.0.1 irc.test bob G :0 bob real",
                ":irc.test 315 alice #twisted :End of WHO list",
                ":irc.test 351 alice twisted4j-words-0.1. irc.test :twisted4j words",
                ":irc.test 421 alice FOO :Unknown command");
        bob.send("AWAY");
        assertThat(bob.read()).isEqualTo(":irc.test 305 bob :You are no longer marked as being away\r\n");
    }

    @Test
    void capMultiPrefixServerTimeAndEcho() {
        Conn alice = new Conn();
        alice.send("CAP LS 302", "NICK alice", "USER alice 0 * :A");
        assertThat(alice.read()).isEqualTo(":irc.test CAP * LS :account-tag away-notify cap-notify echo-message message-tags multi-prefix server-time\r\n");
        alice.send("CAP REQ :multi-prefix server-time echo-message bogus");
        assertThat(alice.read()).isEqualTo(":irc.test CAP alice NAK :multi-prefix server-time echo-message bogus\r\n");
        alice.send("CAP REQ :multi-prefix server-time echo-message away-notify", "CAP END");
        assertThat(alice.read()).startsWith(":irc.test CAP alice ACK :multi-prefix server-time echo-message away-notify\r\n:irc.test 001 alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted", "MODE #twisted +v alice", "NAMES #twisted");
        assertThat(alice.read()).contains("353 alice = #twisted :@+alice");
        bob.send("JOIN #twisted", "PRIVMSG #twisted :tick", "AWAY :gone");
        assertThat(alice.read()).matches("(?s)@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z :bob!bob@127.0.0.1 JOIN #twisted\r\n"
                + "@time=[^ ]+ :bob!bob@127.0.0.1 PRIVMSG #twisted :tick\r\n@time=[^ ]+ :bob!bob@127.0.0.1 AWAY :gone\r\n");
        alice.send("PRIVMSG #twisted :echoed");
        assertThat(alice.read()).contains(":alice!alice@127.0.0.1 PRIVMSG #twisted :echoed");
        assertThat(bob.read()).endsWith(":alice!alice@127.0.0.1 PRIVMSG #twisted :echoed\r\n");
    }

    @Test
    void saslPlainLogsInThroughCred() {
        withPortal();
        Conn alice = new Conn();
        alice.send("CAP LS 302");
        assertThat(alice.read()).endsWith("server-time sasl=PLAIN\r\n");
        alice.send("NICK alice", "USER alice 0 * :A", "CAP REQ :sasl account-tag", "AUTHENTICATE PLAIN");
        assertThat(alice.read()).isEqualTo(":irc.test CAP alice ACK :sasl account-tag\r\nAUTHENTICATE +\r\n");
        alice.send("AUTHENTICATE " + java.util.Base64.getEncoder().encodeToString("\0alice\0pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(alice.read()).isEqualTo(":irc.test 900 alice alice!alice@127.0.0.1 alice :You are now logged in as alice\r\n"
                + ":irc.test 903 alice :SASL authentication successful\r\n");
        alice.send("CAP END");
        assertThat(alice.read()).startsWith(":irc.test 001 alice");
        Conn eve = new Conn();
        eve.send("CAP REQ :sasl", "AUTHENTICATE PLAIN", "AUTHENTICATE " + java.util.Base64.getEncoder().encodeToString("\0bob\0wrong".getBytes(StandardCharsets.UTF_8)));
        assertThat(eve.read()).endsWith(":irc.test 904 * :SASL authentication failed\r\n");
        assertThat(eve.closed()).isFalse();
    }

    @Test
    void saslNumericsForAbortsUnknownMechanismsOverlongAndRepeats() {
        withPortal();
        Conn c = new Conn();
        c.send("CAP REQ :sasl", "AUTHENTICATE SCRAM-SHA-1");
        assertThat(c.read()).endsWith(":irc.test 908 * PLAIN :are available SASL mechanisms\r\n"
                + ":irc.test 904 * :SASL authentication failed\r\n");
        c.send("AUTHENTICATE PLAIN", "AUTHENTICATE *");
        assertThat(c.read()).isEqualTo("AUTHENTICATE +\r\n:irc.test 906 * :SASL authentication aborted\r\n");
        c.send("AUTHENTICATE PLAIN");
        c.read();
        for (int i = 0; i < 5; i++) {
            c.send("AUTHENTICATE " + "A".repeat(400));
        }
        assertThat(c.read()).isEqualTo(":irc.test 905 * :SASL message too long\r\n");
        c.send("AUTHENTICATE PLAIN", "NICK alice", "USER alice 0 * :A", "CAP END");
        assertThat(c.read()).startsWith("AUTHENTICATE +\r\n:irc.test 906 alice :SASL authentication aborted\r\n"
                + ":NickServ!NickServ@services PRIVMSG alice :Password?");
        c.send("PRIVMSG NickServ :pw");
        assertThat(c.read()).contains(" 001 alice ");
        c.send("AUTHENTICATE PLAIN");
        assertThat(c.read()).isEqualTo(":irc.test 907 alice :You have already authenticated using SASL\r\n");
    }

    @Test
    void passAndNickServLogInAndBadPasswordsAreRefused() {
        withPortal();
        Conn bob = new Conn();
        bob.send("PASS pw2", "NICK bob", "USER bob 0 * :B");
        assertThat(bob.read()).startsWith(":irc.test 001 bob");
        Conn alice = new Conn();
        alice.send("NICK alice", "USER alice 0 * :A");
        assertThat(alice.read()).isEqualTo(":NickServ!NickServ@services PRIVMSG alice :Password?\r\n");
        alice.send("PRIVMSG NickServ :pw");
        assertThat(alice.read()).startsWith(":irc.test 001 alice");
        Conn eve = new Conn();
        eve.send("PASS nope", "NICK root", "USER root 0 * :R");
        assertThat(eve.read()).isEqualTo(":irc.test 464 root :Password incorrect\r\nERROR :Closing Link: 127.0.0.1 (Bad Password)\r\n");
        assertThat(eve.closed()).isTrue();
        assertThat(service.user("root")).isNull();
    }

    @Test
    void operThroughCred() {
        withPortal();
        service.addOperators(List.of("root"));
        Conn bob = new Conn();
        bob.send("PASS pw2", "NICK bob", "USER bob 0 * :B");
        bob.read();
        bob.send("OPER bob pw2", "OPER root bad", "OPER root toor");
        assertThat(bob.read()).isEqualTo(":irc.test 491 bob :No O-lines for your host\r\n"
                + ":irc.test 464 bob :Password incorrect\r\n"
                + ":irc.test 381 bob :You are now an IRC operator\r\n:bob MODE bob +o\r\n");
        bob.send("MODE bob", "MODE bob -o+i");
        assertThat(bob.read()).isEqualTo(":irc.test 221 bob +o\r\n:bob MODE bob -o+i\r\n");
    }

    @Test
    void nickFloodClosesTheFlooderOnlyAndOthersGoOn() {
        service.setFloodLimits(10, 1);
        Conn alice = user("alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted");
        bob.send("JOIN #twisted");
        alice.read();
        bob.read();
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            flood.append("NICK bob").append(i).append("\r\n");
        }
        bob.protocol.dataReceived(ByteBuffer.wrap(flood.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(bob.read()).endsWith("ERROR :Closing Link: 127.0.0.1 (Excess Flood)\r\n");
        assertThat(bob.closed()).isTrue();
        assertThat(alice.read()).endsWith("QUIT :Excess Flood\r\n");
        assertThat(service.userNames()).containsExactly("alice");
        clock.advance(1);
        alice.send("PRIVMSG #twisted :still fine");
        assertThat(alice.closed()).isFalse();
        Conn carol = user("bob9");
        assertThat(carol.closed()).isFalse();
    }

    @Test
    void overlongAndMalformedLinesGetNumericsAndTheConnectionGoesOn() {
        Conn alice = user("alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted");
        bob.send("JOIN #twisted");
        alice.read();
        bob.read();
        alice.send("PRIVMSG #twisted :" + "x".repeat(10_000), ": PRIVMSG #twisted :bad prefix", ":", "@tags-only",
                "PRIVMSG #twisted :" + "y".repeat(600), "PRIVMSG #twisted :after");
        assertThat(alice.read()).isEqualTo(":irc.test 417 alice :Input line was too long\r\n"
                + ":irc.test 417 alice :Input line was too long\r\n");
        assertThat(bob.read()).isEqualTo(":alice!alice@127.0.0.1 PRIVMSG #twisted :after\r\n");
        assertThat(alice.closed()).isFalse();
    }

    @Test
    void silentConnectionsArePingedThenClosed() {
        service.setPingTimes(120, 60);
        Conn alice = user("alice");
        Conn bob = user("bob");
        clock.advance(100);
        bob.send("PING x");
        clock.advance(20);
        assertThat(alice.read()).isEqualTo("PING :irc.test\r\n");
        clock.advance(59);
        assertThat(alice.closed()).isFalse();
        clock.advance(1);
        assertThat(alice.read()).isEqualTo("ERROR :Closing Link: 127.0.0.1 (Ping timeout: 180 seconds)\r\n");
        assertThat(alice.closed()).isTrue();
        assertThat(bob.read()).isEqualTo(":irc.test PONG irc.test x\r\n");
        assertThat(bob.closed()).isFalse();
        Conn silent = new Conn();
        clock.advance(120);
        assertThat(silent.read()).contains("Registration timeout");
    }


    @Test
    void repliesAndRelaysNeverOutgrowTheLine() {
        Conn alice = user("alice");
        Conn bob = user("bob");
        alice.send("JOIN #twisted");
        bob.send("JOIN #twisted");
        alice.read();
        bob.read();
        String target = "n".repeat(480);
        String text = "é".repeat(240);
        bob.send("PRIVMSG " + target + " :x", "PRIVMSG #twisted :" + text);
        String back = bob.read();
        assertThat(back.getBytes(StandardCharsets.UTF_8).length).isEqualTo(510 + 2);
        assertThat(back).startsWith(":irc.test 401 bob nnnn");
        String relayed = alice.read();
        assertThat(relayed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
        assertThat(relayed).startsWith(":bob!bob@127.0.0.1 PRIVMSG #twisted :éé").endsWith("é\r\n");
    }

    @Test
    void wordsSentAsLastParametersAreEchoedSafely() {
        Conn alice = user("alice");
        alice.send("CAP", "WHOIS :a b", "NICK :x y", "MODE #twisted +:", "JOIN :", "MODE alice :+ z");
        assertThat(alice.read()).isEqualTo(":irc.test 410 alice * :Invalid CAP command\r\n"
                + ":irc.test 401 alice a :No such nick/channel\r\n:irc.test 318 alice a :End of WHOIS list\r\n"
                + ":irc.test 432 alice x :Erroneous nickname\r\n"
                + ":irc.test 482 alice #twisted :You're not channel operator\r\n"
                + ":irc.test 461 alice JOIN :Not enough parameters\r\n"
                + ":irc.test 501 alice :Unknown MODE flag\r\n");
        alice.send("JOIN #twisted", "MODE #twisted +lk 5 key", "MODE #twisted");
        assertThat(alice.read()).contains(":irc.test 324 alice #twisted +nt k key 5\r\n".replace(" k key 5", "kl key 5"));
    }

    @Test
    void joiningPastTheChannelLimitMakesNoChannel() {
        service.setCreateGroupOnRequest(true);
        service.setMaxChannels(2);
        Conn alice = user("alice");
        alice.send("JOIN #a,#b,#c");
        assertThat(alice.read()).contains("JOIN #a", "JOIN #b").endsWith(":irc.test 405 alice #c :You have joined too many channels\r\n");
        assertThat(service.groupNames()).containsExactly("#a", "#b", "#twisted");
    }
}
