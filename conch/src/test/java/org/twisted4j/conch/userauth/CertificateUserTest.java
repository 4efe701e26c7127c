package org.twisted4j.conch.userauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.RawService;
import org.twisted4j.conch.transport.TransportPair;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;

/** A certificate login restricted by its extensions and force-command, for that login only. */
class CertificateUserTest {

    private static final Key CA = Key.generate(KeyType.ED25519);
    private static final Key USER = Key.generate(KeyType.ED25519);
    private static final PtyRequest PTY = new PtyRequest("xterm", 80, 24, 0, 0, new byte[] {0});

    /** An avatar that allows everything and records what its sessions were asked. */
    static final class Permissive implements ConchUser {
        final List<String> calls = new ArrayList<>();

        @Override
        public String username() {
            return "alice";
        }

        @Override
        public Session openSession() {
            return new Session() {
                @Override
                public boolean setEnv(String name, String value) {
                    calls.add("env " + name + "=" + value);
                    return true;
                }

                @Override
                public boolean agentForwarded(Path socket) {
                    calls.add("agent");
                    return true;
                }

                @Override
                public boolean requestPty(PtyRequest request) {
                    calls.add("pty");
                    return true;
                }

                @Override
                public boolean execCommand(SessionIO io, String command) {
                    calls.add("exec " + command);
                    return true;
                }

                @Override
                public boolean openShell(SessionIO io) {
                    calls.add("shell");
                    return true;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                }
            };
        }

        @Override
        public boolean allowsDirectTcpip(String host, int port) {
            return true;
        }

        @Override
        public boolean allowsTcpipForward(String address, int port) {
            return true;
        }

        @Override
        public boolean allowsAgentForwarding() {
            return true;
        }
    }

    private static Certificate.Builder cert() {
        return Certificate.builder(USER).principals(List.of("alice"));
    }

    private static CertificateUser restricted(ConchUser user, Certificate.Builder cert) throws BadKeyException {
        return new CertificateUser(user, CertificateUser.permissions(cert.sign(CA, "ssh-ed25519")));
    }

    @Test
    void withoutExtensionsNoPtyNoForwardingNoAgent() throws Exception {
        Permissive user = new Permissive();
        CertificateUser bare = restricted(user, cert());
        assertThat(bare.allowsDirectTcpip("127.0.0.1", 22)).isFalse();
        assertThat(bare.allowsTcpipForward("127.0.0.1", 8080)).isFalse();
        assertThat(bare.allowsAgentForwarding()).isFalse();
        Session session = bare.openSession();
        assertThat(session.requestPty(PTY)).isFalse();
        assertThat(session.agentForwarded(Path.of("agent.sock"))).isFalse();
        assertThat(session.execCommand(null, "id")).isTrue();
        assertThat(user.calls).containsExactly("exec id");
        assertThat(bare.allowsSubsystem("sftp")).isTrue();
        assertThat(UserAuthServer.realmAvatar(bare)).isSameAs(user);
        assertThat(UserAuthServer.realmAvatar(user)).isSameAs(user);
    }

    @Test
    void eachExtensionPermitsItsOwnRequest() throws Exception {
        Permissive user = new Permissive();
        CertificateUser pty = restricted(user, cert().extension("permit-pty"));
        assertThat(pty.openSession().requestPty(PTY)).isTrue();
        assertThat(pty.allowsDirectTcpip("127.0.0.1", 22)).isFalse();

        CertificateUser ports = restricted(user, cert().extension("permit-port-forwarding"));
        assertThat(ports.allowsDirectTcpip("127.0.0.1", 22)).isTrue();
        assertThat(ports.allowsTcpipForward("127.0.0.1", 8080)).isTrue();
        assertThat(ports.allowsAgentForwarding()).isFalse();
        assertThat(ports.openSession().requestPty(PTY)).isFalse();

        CertificateUser agent = restricted(user, cert().extension("permit-agent-forwarding"));
        assertThat(agent.allowsAgentForwarding()).isTrue();
        assertThat(agent.openSession().agentForwarded(Path.of("agent.sock"))).isTrue();
        assertThat(agent.allowsTcpipForward("127.0.0.1", 8080)).isFalse();
        assertThat(user.calls).containsExactly("pty", "agent");

        CertificateUser all = restricted(user, cert().extension("permit-X11-forwarding").extension("permit-user-rc")
                .extension("permit-pty").extension("permit-port-forwarding").extension("permit-agent-forwarding")
                .extension("no-touch-required").extension("unknown@example.com"));
        assertThat(all.permissions()).isEqualTo(new CertificateUser.Permissions(true, true, true, null));
    }

    @Test
    void theRealmsAvatarStillHasTheLastWord() throws Exception {
        ConchUser strict = new ConchUser() {
            @Override
            public String username() {
                return "alice";
            }

            @Override
            public @Nullable Session openSession() {
                return null;
            }
        };
        CertificateUser all = restricted(strict, cert().extension("permit-port-forwarding")
                .extension("permit-agent-forwarding"));
        assertThat(all.allowsDirectTcpip("127.0.0.1", 22)).isFalse();
        assertThat(all.allowsTcpipForward("127.0.0.1", 22)).isFalse();
        assertThat(all.allowsAgentForwarding()).isFalse();
        assertThat(all.openSession()).isNull();
    }

    @Test
    void forceCommandRunsForExecAndShellAndRefusesSubsystems() throws Exception {
        Permissive user = new Permissive();
        CertificateUser forced = restricted(user, cert().criticalOption("force-command", "echo forced"));
        assertThat(forced.openSession().execCommand(null, "ls")).isTrue();
        assertThat(forced.openSession().openShell(null)).isTrue();
        assertThat(user.calls).containsExactly("env SSH_ORIGINAL_COMMAND=ls", "exec echo forced", "exec echo forced");
        assertThat(forced.allowsSubsystem("sftp")).isFalse();
    }

    @Test
    void unknownCriticalOptionsAndFlagsWithDataAreRefused() {
        assertThatThrownBy(() -> CertificateUser.permissions(cert().criticalFlag("no-such-option@example.com")
                .sign(CA, "ssh-ed25519"))).isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> CertificateUser.permissions(cert().criticalOption("verify-required", "yes")
                .sign(CA, "ssh-ed25519"))).isInstanceOf(BadKeyException.class);
        assertThatThrownBy(() -> CertificateUser.permissions(cert().criticalFlag("force-command")
                .sign(CA, "ssh-ed25519"))).isInstanceOf(BadKeyException.class);
    }

    /** Logs alice in with the certificate through a {@link UserAuthServer}; returns the avatars it started with. */
    private static List<Object> logIn(UserAuthConfig config, Permissive user, boolean thenPassword) {
        Clock clock = new Clock();
        List<Object> avatars = new ArrayList<>();
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class, user,
                LoginResult.NO_LOGOUT)), new UserCertificateChecker(List.of(CA), clock, Instant.ofEpochSecond(1000),
                        null), new InMemoryPasswords(Map.of("alice", "secret")));
        TransportPair pair = TransportPair.connect(clock, "ssh-userauth", t -> new UserAuthServer(portal, clock,
                config, result -> {
                    avatars.add(result.avatar());
                    return new RawService("ssh-connection");
                }));
        Certificate cert = cert().extension("permit-pty").sign(CA, "ssh-ed25519");
        String algorithm = cert.typeName();
        byte[] signed = new SshWireWriter().string(pair.client().sessionId()).byteValue(50).utf8("alice")
                .name("ssh-connection").name("publickey").bool(true).name(algorithm).string(cert.blob())
                .toByteArray();
        pair.raw().send(50, new SshWireWriter().utf8("alice").name("ssh-connection").name("publickey").bool(true)
                .name(algorithm).string(cert.blob()).string(USER.sign("ssh-ed25519", signed)));
        pair.flush();
        if (thenPassword) {
            pair.raw().send(50, new SshWireWriter().utf8("alice").name("ssh-connection").name("password").bool(false)
                    .utf8("secret"));
            pair.flush();
        }
        assertThat(pair.raw().numbers()).endsWith(52);
        return avatars;
    }

    @Test
    void aCertificateLoginReachesTheConnectionRestricted() {
        Permissive user = new Permissive();
        List<Object> avatars = logIn(new UserAuthConfig(), user, false);
        assertThat(avatars).hasSize(1);
        CertificateUser restricted = (CertificateUser) avatars.get(0);
        assertThat(restricted.permissions()).isEqualTo(new CertificateUser.Permissions(true, false, false, null));
        assertThat(UserAuthServer.realmAvatar(restricted)).isSameAs(user);
    }

    @Test
    void aPasswordAfterTheCertificateKeepsItsRestrictions() {
        Permissive user = new Permissive();
        List<Object> avatars = logIn(new UserAuthConfig().requireAll("publickey", "password"), user, true);
        assertThat(avatars).hasSize(1);
        CertificateUser restricted = (CertificateUser) avatars.get(0);
        assertThat(restricted.permissions()).isEqualTo(new CertificateUser.Permissions(true, false, false, null));
        assertThat(restricted.allowsDirectTcpip("127.0.0.1", 22)).isFalse();
    }
}
