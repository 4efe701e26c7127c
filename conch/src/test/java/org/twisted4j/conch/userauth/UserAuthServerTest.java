package org.twisted4j.conch.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.transport.RawService;
import org.twisted4j.conch.transport.TransportPair;
import org.twisted4j.cred.AuthorizedKey;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;

class UserAuthServerTest {

    private static final HostKey USER_KEY = HostKey.generate("ssh-ed25519");
    private static final HostKey OTHER_KEY = HostKey.generate("ssh-ed25519");

    private final Clock clock = new Clock();
    private final RawService connection = new RawService("ssh-connection");
    private int logouts;

    private TransportPair connect(UserAuthConfig config) {
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ConchUser() {
                    @Override
                    public String username() {
                        return id;
                    }

                    @Override
                    public Session openSession() {
                        return null;
                    }
                }, () -> logouts++)),
                new InMemoryPasswords(Map.of("alice", "secret")),
                new SSHPublicKeyChecker(user -> user.equals("alice")
                        ? List.of(new AuthorizedKey("", "ssh-ed25519", USER_KEY.publicBlob(), "")) : List.of()));
        return TransportPair.connect(clock, "ssh-userauth",
                t -> new UserAuthServer(portal, clock, config, result -> connection));
    }

    private static SshWireWriter request(String user, String method) {
        return new SshWireWriter().utf8(user).name("ssh-connection").name(method);
    }

    private static void password(TransportPair pair, String password) {
        pair.raw().send(50, request("alice", "password").bool(false).utf8(password));
        pair.flush();
    }

    private static void publickey(TransportPair pair, HostKey key, boolean sign) {
        SshWireWriter body = request("alice", "publickey").bool(sign).name("ssh-ed25519").string(key.publicBlob());
        if (sign) {
            byte[] signed = new SshWireWriter().string(pair.client().sessionId()).byteValue(50).utf8("alice")
                    .name("ssh-connection").name("publickey").bool(true).name("ssh-ed25519")
                    .string(key.publicBlob()).toByteArray();
            body.string(key.sign("ssh-ed25519", signed));
        }
        pair.raw().send(50, body);
        pair.flush();
    }

    private static List<String> failureMethods(RawService.Packet packet) {
        assertThat(packet.number()).isEqualTo(51);
        return packet.wire().nameList();
    }

    private static boolean partial(RawService.Packet packet) {
        SshWire in = packet.wire();
        in.nameList();
        return in.bool();
    }

    @Test
    void noneListsTheMethodsWithoutCountingAFailure() {
        TransportPair pair = connect(new UserAuthConfig());
        pair.raw().send(50, request("alice", "none"));
        pair.flush();
        assertThat(failureMethods(pair.raw().last())).containsExactly("publickey", "password",
                "keyboard-interactive");
        assertThat(((UserAuthServer) pair.server().service()).failures()).isZero();
    }

    @Test
    void theRightPasswordStartsTheConnectionService() {
        TransportPair pair = connect(new UserAuthConfig());
        password(pair, "secret");
        assertThat(pair.raw().numbers()).containsExactly(52);
        assertThat(pair.server().service()).isSameAs(connection);
    }

    @Test
    void aWrongPasswordFailsAndTheLimitDisconnects() {
        TransportPair pair = connect(new UserAuthConfig().maxAttempts(3));
        password(pair, "wrong");
        password(pair, "wrong");
        assertThat(pair.raw().numbers()).containsExactly(51, 51);
        assertThat(partial(pair.raw().last())).isFalse();
        password(pair, "wrong");
        assertThat(pair.server().disconnectReason()).isEqualTo(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE);
        assertThat(pair.client().disconnectReason()).isEqualTo(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE);
    }

    @Test
    void theLoginGraceTimeEndsASlowLogin() {
        TransportPair pair = connect(new UserAuthConfig().loginGraceSeconds(30));
        clock.advance(29);
        pair.flush();
        assertThat(pair.client().disconnectReason()).isEqualTo(-1);
        clock.advance(1);
        pair.flush();
        assertThat(pair.client().disconnectReason()).isEqualTo(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE);
    }

    @Test
    void theGraceTimerStopsOnSuccess() {
        TransportPair pair = connect(new UserAuthConfig().loginGraceSeconds(30));
        password(pair, "secret");
        clock.advance(60);
        pair.flush();
        assertThat(pair.client().disconnectReason()).isEqualTo(-1);
    }

    @Test
    void theBannerComesBeforeTheFirstAnswerOnce() {
        TransportPair pair = connect(new UserAuthConfig().banner("Authorised users only\n"));
        password(pair, "wrong");
        password(pair, "secret");
        assertThat(pair.raw().numbers()).containsExactly(53, 51, 52);
        assertThat(pair.raw().received.get(0).wire().utf8()).isEqualTo("Authorised users only\n");
    }

    @Test
    void aKnownKeyIsAcceptedByQueryThenBySignature() {
        TransportPair pair = connect(new UserAuthConfig());
        publickey(pair, USER_KEY, false);
        assertThat(pair.raw().last().number()).isEqualTo(60);
        SshWire pkOk = pair.raw().last().wire();
        assertThat(pkOk.name()).isEqualTo("ssh-ed25519");
        assertThat(pkOk.string()).isEqualTo(USER_KEY.publicBlob());
        publickey(pair, USER_KEY, true);
        assertThat(pair.raw().last().number()).isEqualTo(52);
    }

    @Test
    void anUnknownKeyOrABadSignatureFails() {
        TransportPair pair = connect(new UserAuthConfig());
        publickey(pair, OTHER_KEY, false);
        assertThat(pair.raw().last().number()).isEqualTo(51);
        // Signed by another key than the one offered.
        SshWireWriter body = request("alice", "publickey").bool(true).name("ssh-ed25519")
                .string(USER_KEY.publicBlob()).string(OTHER_KEY.sign("ssh-ed25519", new byte[] {1}));
        pair.raw().send(50, body);
        pair.flush();
        assertThat(pair.raw().numbers()).containsExactly(51, 51);
        assertThat(((UserAuthServer) pair.server().service()).failures()).isEqualTo(2);
    }

    @Test
    void twoRequiredMethodsGivePartialSuccessThenSuccess() {
        TransportPair pair = connect(new UserAuthConfig().requireAll("publickey", "password"));
        password(pair, "secret");
        assertThat(failureMethods(pair.raw().last())).containsExactly("publickey");
        assertThat(partial(pair.raw().last())).isTrue();
        publickey(pair, USER_KEY, true);
        assertThat(pair.raw().last().number()).isEqualTo(52);
        // The first method's login is logged out; the second's lives on with the connection.
        assertThat(logouts).isEqualTo(1);
    }

    @Test
    void keyboardInteractiveAsksForThePassword() {
        TransportPair pair = connect(new UserAuthConfig());
        pair.raw().send(50, request("alice", "keyboard-interactive").name("").name(""));
        pair.flush();
        RawService.Packet info = pair.raw().last();
        assertThat(info.number()).isEqualTo(60);
        SshWire in = info.wire();
        in.utf8();
        in.utf8();
        in.name();
        assertThat(in.uint32()).isEqualTo(1);
        assertThat(in.utf8()).isEqualTo("Password: ");
        assertThat(in.bool()).isFalse();
        pair.raw().send(61, new SshWireWriter().uint32(1).utf8("secret"));
        pair.flush();
        assertThat(pair.raw().last().number()).isEqualTo(52);
    }

    @Test
    void shaOneRsaSignaturesAreRefused() {
        TransportPair pair = connect(new UserAuthConfig());
        pair.raw().send(50, request("alice", "publickey").bool(false).name("ssh-rsa").string(new byte[8]));
        pair.flush();
        assertThat(pair.raw().last().number()).isEqualTo(51);
    }

    @Test
    void aMethodNotConfiguredFails() {
        TransportPair pair = connect(new UserAuthConfig().anyOf("publickey"));
        password(pair, "secret");
        assertThat(failureMethods(pair.raw().last())).containsExactly("publickey");
        assertThat(pair.server().service()).isInstanceOf(UserAuthServer.class);
    }
}
