package org.twisted4j.conch.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.conch.telnet.TelnetParserTest.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.StringTransport;

class AuthenticatingTelnetProtocolTest {

    final StringTransport transport = new StringTransport();
    final List<String> logins = new ArrayList<>();
    TelnetTransportTest.Application avatar;
    Portal portal;

    @BeforeEach
    void portal() {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        users.addUser("alice", "secret");
        portal = new Portal((id, mind, interfaces) -> {
            avatar = new TelnetTransportTest.Application();
            logins.add(id);
            return Deferred.succeed(new LoginResult(interfaces[0], avatar, () -> logins.add("logout " + id)));
        }, users);
    }

    void type(TelnetTransport telnet, String text) {
        telnet.dataReceived(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    String sent() {
        String value = transport.valueAsString(StandardCharsets.ISO_8859_1);
        transport.clear();
        return value;
    }

    @Test
    void onATerminalTheNameIsEchoedThePasswordNotAndTheAvatarTakesOver() {
        TelnetTransport telnet = TelnetTransport.terminal(new AuthenticatingTelnetProtocol(portal));
        telnet.makeConnection(transport);
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 253, 1, 255, 251, 31, 255, 250, 31, 0, 100, 0, 30, 255, 240)));
        assertThat(sent()).endsWith("Username: ");
        type(telnet, "alx\u007fice\r\0");
        assertThat(sent()).isEqualTo("alx\b \bice\r\nPassword: ");
        type(telnet, "secret\r\0ls\r\0");
        assertThat(sent()).isEqualTo("\r\n");
        assertThat(logins).containsExactly("alice");
        assertThat(avatar.received.toString()).isEqualTo("ls\r");
        assertThat(avatar.events).containsExactly("size 100x30");
        type(telnet, "more");
        assertThat(avatar.received.toString()).isEqualTo("ls\rmore");
        telnet.connectionLost(new Failure(new ConnectionDone()));
        assertThat(avatar.events).containsExactly("size 100x30", "lost");
        assertThat(logins).containsExactly("alice", "logout alice");
    }

    @Test
    void onAPlainConnectionEchoIsTurnedOnForThePasswordAndOffAfterIt() {
        TelnetTransport telnet = TelnetTransport.plain(new AuthenticatingTelnetProtocol(portal));
        telnet.makeConnection(transport);
        assertThat(sent()).isEqualTo("Username: ");
        type(telnet, "alice\r\n");
        assertThat(sent()).isEqualTo("\u00ff\u00fb\u0001Password: ");
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 253, 1)));
        type(telnet, "secret\r\n");
        assertThat(sent()).isEqualTo("\r\n\u00ff\u00fc\u0001");
        assertThat(logins).containsExactly("alice");
    }

    @Test
    void aWrongPasswordAsksAgainAndTheThirdClosesTheConnection() {
        TelnetTransport telnet = TelnetTransport.terminal(new AuthenticatingTelnetProtocol(portal));
        telnet.makeConnection(transport);
        telnet.dataReceived(ByteBuffer.wrap(bytes(255, 253, 1)));
        sent();
        type(telnet, "alice\r\0wrong\r\0");
        assertThat(sent()).isEqualTo("alice\r\nPassword: \r\n\r\nAuthentication failed\r\nUsername: ");
        type(telnet, "alice\r\0wrong\r\0");
        assertThat(transport.isDisconnecting()).isFalse();
        type(telnet, "bob\r\0secret\r\0");
        assertThat(sent()).endsWith("Authentication failed\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(logins).isEmpty();
    }

    @Test
    void controlDEndsTheLogin() {
        TelnetTransport telnet = TelnetTransport.terminal(new AuthenticatingTelnetProtocol(portal));
        telnet.makeConnection(transport);
        type(telnet, "al\u0004");
        assertThat(transport.isDisconnecting()).isTrue();
    }
}
