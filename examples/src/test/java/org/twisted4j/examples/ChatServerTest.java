package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.DeferredQueue;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class ChatServerTest {

    private final ChatServer.Room room = ChatServer.factory();

    /** Connects a new client to the room on {@code transport}, which is then cleared of the greeting. */
    private ChatServer.Chat connect(StringTransport transport) {
        ChatServer.Chat chat = room.buildProtocol(StringTransport.DEFAULT_PEER);
        chat.makeConnection(transport);
        transport.clear();
        return chat;
    }

    /** Connects a client and has it join as {@code name}; what it was told so far is cleared. */
    private ChatServer.Chat join(String name, StringTransport transport) {
        ChatServer.Chat chat = connect(transport);
        say(chat, name);
        transport.clear();
        return chat;
    }

    private static void say(ChatServer.Chat chat, String lines) {
        chat.dataReceived(ByteBuffer.wrap((lines + "\r\n").getBytes(UTF_8)));
    }

    @Test
    void asksEachNewClientForItsName() {
        StringTransport transport = new StringTransport();
        room.buildProtocol(StringTransport.DEFAULT_PEER).makeConnection(transport);

        assertThat(transport.valueAsString()).isEqualTo("Your name?\r\n");
        assertThat(room.names()).isEmpty();
    }

    @Test
    void welcomesAClientByNameAndSaysWhoIsThere() {
        join("ada", new StringTransport());
        StringTransport grace = new StringTransport();

        say(connect(grace), "grace");

        assertThat(grace.valueAsString()).isEqualTo("Welcome, grace! In the room: ada, grace\r\n");
        assertThat(room.names()).containsExactly("ada", "grace");
    }

    @Test
    void lineFromOneMemberReachesEveryOtherMemberButNotItself() {
        StringTransport ada = new StringTransport();
        StringTransport grace = new StringTransport();
        StringTransport linus = new StringTransport();
        ChatServer.Chat adaChat = join("ada", ada);
        join("grace", grace);
        join("linus", linus);

        say(adaChat, "hello, all");

        assertThat(grace.valueAsString()).isEqualTo("<ada> hello, all\r\n");
        assertThat(linus.valueAsString()).isEqualTo("<ada> hello, all\r\n");
        assertThat(ada.valueAsString()).isEmpty();
    }

    @Test
    void nameAlreadyTakenIsRefusedAndAnotherAskedFor() {
        join("ada", new StringTransport());
        StringTransport second = new StringTransport();

        say(connect(second), "ada\r\nbob");

        assertThat(second.valueAsString())
                .isEqualTo("That name is taken or empty; another?\r\nWelcome, bob! In the room: ada, bob\r\n");
    }

    @Test
    void memberWhoLeavesIsNoLongerInTheRoomNorSentLines() {
        StringTransport ada = new StringTransport();
        StringTransport grace = new StringTransport();
        ChatServer.Chat adaChat = join("ada", ada);
        ChatServer.Chat graceChat = join("grace", grace);

        graceChat.connectionLost(new Failure(new ConnectionDone()));
        say(adaChat, "anyone?");

        assertThat(room.names()).containsExactly("ada");
        assertThat(grace.valueAsString()).isEmpty();
    }

    /** A test client over real TCP: every line it receives goes into a queue. */
    private static final class Listener extends LineReceiver {
        final DeferredQueue<String> lines = new DeferredQueue<>();

        @Override
        protected void lineReceived(byte[] line) {
            lines.put(new String(line, UTF_8));
        }

        Deferred<String> next(NioReactor reactor) {
            return lines.get().addTimeout(10, reactor);
        }
    }

    private static Listener joinOverTcp(NioReactor reactor, String where, String name) throws Exception {
        Listener member = Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), new Listener()));
        assertThat(Coroutine.await(member.next(reactor))).isEqualTo("Your name?");
        member.sendLine(name);
        assertThat(Coroutine.await(member.next(reactor))).startsWith("Welcome, " + name + "!");
        return member;
    }

    @Test
    void lineFromOneClientReachesTheOtherOverTcp(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(ChatServer.start(reactor, "tcp:0:interface=127.0.0.1"));
        String where = "tcp:host=127.0.0.1:port=" + EchoServerTest.portNumber(port);
        Listener ada = joinOverTcp(reactor, where, "ada");
        Listener grace = joinOverTcp(reactor, where, "grace");

        ada.sendLine("hi, grace");

        assertThat(Coroutine.await(grace.next(reactor))).isEqualTo("<ada> hi, grace");
        ada.transport().loseConnection();
        grace.transport().loseConnection();
        Coroutine.await(port.stopListening());
    }

    @Test
    void twoPythonTwistedClientsHearEachOther(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(ChatServer.start(reactor, "tcp:0:interface=127.0.0.1"));

        Peers.Outcome python = Coroutine.await(Peers.pythonTwisted(reactor, "chat_clients.py",
                String.valueOf(EchoServerTest.portNumber(port))));

        assertThat(python.output().lines().toList()).containsExactly(
                "ada was asked: Your name?",
                "ada was told: Welcome, ada! In the room: ada",
                "grace was asked: Your name?",
                "grace was told: Welcome, grace! In the room: ada, grace",
                "grace heard: <ada> hello from Python Twisted");
        assertThat(python.exitCode()).as(python.output()).isZero();
        Coroutine.await(port.stopListening());
    }
}
