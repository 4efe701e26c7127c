package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.agent.AgentKeyring;
import org.twisted4j.conch.agent.SshAgentServer;
import org.twisted4j.conch.client.KnownHostsFile;
import org.twisted4j.conch.client.SshClientInteropTest;
import org.twisted4j.conch.client.SshClient;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.cred.AuthorizedKeys;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.conch.agent.CommandRun;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.UNIXClientEndpoint;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Agent forwarding both ways with OpenSSH: {@code ssh -A} to our server, whose session's {@code ssh-add -l}
 * lists the keys of the agent on the client's side; and our client forwarding our agent to {@code sshd}, whose
 * {@code ssh-add -l} lists them too. A session of another account (the server running as root, a throwaway
 * account made with {@code useradd}) gets a socket and directory that account owns, modes 0600 and 0700.
 */
@ExtendWith(TrialExtension.class)
class AgentForwardingInteropTest {

    static final Peer SSH_ADD = Peer.command("ssh-add", "openssh-client");
    private static final Peer SETPRIV = Peer.command("setpriv", "util-linux");
    private static final Peer USERADD = Peer.command("useradd", "passwd", Path.of("/usr/sbin"));
    private static final Peer USERDEL = Peer.command("userdel", "passwd", Path.of("/usr/sbin"));

    @TempDir
    Path dir;

    /** Collects a command's output and says when it ended. */
    static final class Collector extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Deferred<Throwable> ended = new Deferred<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
        }

        @Override
        public void connectionLost(Failure reason) {
            ended.callback(reason.value());
        }
    }

    @Test
    void sshDashAToOurServerLetsTheSessionUseTheClientsAgent(NioReactor reactor) throws Exception {
        SSH_ADD.require();
        Path login = dir.resolve("id_ed25519");
        CommandRun keygen = CommandRun.run(reactor, Map.of(), List.of(Peer.SSH_KEYGEN.require().toString(), "-q", "-t", "ed25519",
                "-N", "", "-f", login.toString()));
        assertThat(keygen.status()).as(keygen.output()).isZero();
        var authorized = AuthorizedKeys.parseLine(Files.readString(Path.of(login + ".pub")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, true), LoginResult.NO_LOGOUT)),
                new SSHPublicKeyChecker(user -> user.equals("alice") ? List.of(authorized) : List.of()));
        ListeningPort server = reactor.listenTCP(0, new SshServerFactory(reactor, reactor,
                List.of(HostKey.generate("ssh-ed25519")), portal), 50, "127.0.0.1");

        AgentKeyring keyring = new AgentKeyring();
        Key held = Key.generate(KeyType.ECDSA_P256);
        keyring.add(held, "forwarded key");
        Path socket = dir.resolve("agent.sock");
        ListeningPort agent = Coroutine.await(SshAgentServer.listen(reactor, socket, keyring));
        try {
            List<String> ssh = new ArrayList<>(List.of(Peer.SSH.require().toString(), "-F", "/dev/null", "-A",
                    "-p", String.valueOf(((IPv4Address) server.getHost()).port()), "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + login,
                    "-o", "BatchMode=yes", "alice@127.0.0.1", "ssh-add -l; echo \"socket=$SSH_AUTH_SOCK\""));
            CommandRun remote = CommandRun.run(reactor, Map.of("SSH_AUTH_SOCK", socket.toString()), ssh);
            assertThat(remote.status()).as(remote.output()).isZero();
            assertThat(remote.output()).contains(held.fingerprintSha256() + " forwarded key (ECDSA)")
                    .containsPattern("socket=/.+/agent\\.sock");
        } finally {
            Coroutine.await(agent.stopListening());
            Coroutine.await(server.stopListening());
        }
    }

    @Test
    void theForwardedAgentsSocketBelongsToTheAccountTheSessionRunsAs(NioReactor reactor) throws Exception {
        Assumptions.assumeTrue(UnixAccount.processUid() == 0,
                "sessions of another account need a server running as root; this test runs as uid "
                        + UnixAccount.processUid());
        SSH_ADD.require();
        SETPRIV.require();
        String name = "t4j" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        CommandRun made = CommandRun.run(reactor, Map.of(), List.of(USERADD.require().toString(), "-m", "-U",
                "-s", "/bin/sh", name));
        assertThat(made.status()).as(made.output()).isZero();
        try {
            UnixAccount account = UnixAccount.lookup(name).orElseThrow();
            Path login = dir.resolve("id_ed25519");
            CommandRun keygen = CommandRun.run(reactor, Map.of(), List.of(Peer.SSH_KEYGEN.require().toString(), "-q",
                    "-t", "ed25519", "-N", "", "-f", login.toString()));
            assertThat(keygen.status()).as(keygen.output()).isZero();
            var authorized = AuthorizedKeys.parseLine(Files.readString(Path.of(login + ".pub")));
            Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                    ProcessUser.forAccount(account, reactor, true), LoginResult.NO_LOGOUT)),
                    new SSHPublicKeyChecker(user -> user.equals(name) ? List.of(authorized) : List.of()));
            ListeningPort server = reactor.listenTCP(0, new SshServerFactory(reactor, reactor,
                    List.of(HostKey.generate("ssh-ed25519")), portal), 50, "127.0.0.1");
            AgentKeyring keyring = new AgentKeyring();
            Key held = Key.generate(KeyType.ED25519);
            keyring.add(held, "forwarded key");
            Path socket = dir.resolve("agent.sock");
            ListeningPort agent = Coroutine.await(SshAgentServer.listen(reactor, socket, keyring));
            try {
                List<String> ssh = new ArrayList<>(List.of(Peer.SSH.require().toString(), "-F", "/dev/null", "-A",
                        "-p", String.valueOf(((IPv4Address) server.getHost()).port()),
                        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                        "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + login, "-o", "BatchMode=yes",
                        name + "@127.0.0.1", "id -un; ssh-add -l; stat -c '%U %G %a' \"$(dirname \"$SSH_AUTH_SOCK\")\" "
                                + "\"$SSH_AUTH_SOCK\""));
                CommandRun remote = CommandRun.run(reactor, Map.of("SSH_AUTH_SOCK", socket.toString()), ssh);
                assertThat(remote.status()).as(remote.output()).isZero();
                assertThat(remote.output()).contains(name + "\n")
                        .contains(held.fingerprintSha256() + " forwarded key (ED25519)")
                        .contains(name + " " + name + " 700\n" + name + " " + name + " 600\n");
            } finally {
                Coroutine.await(agent.stopListening());
                Coroutine.await(server.stopListening());
            }
        } finally {
            CommandRun.run(reactor, Map.of(), List.of(USERDEL.require().toString(), "-r", name));
        }
    }

    @Test
    void ourClientForwardsItsAgentToSshd(NioReactor reactor) throws Exception {
        SSH_ADD.require();
        SshClientInteropTest.Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        AgentKeyring keyring = new AgentKeyring();
        Key login = Key.fromFile(sshd.userKey(), null);
        keyring.add(login, "login key");
        Path socket = dir.resolve("agent.sock");
        ListeningPort agent = Coroutine.await(SshAgentServer.listen(reactor, socket, keyring));
        String log;
        try {
            Deferred<Void> closed = new Deferred<>();
            SshConnection connection = Coroutine.await(SshClient.to(reactor, System.getProperty("user.name"),
                    "127.0.0.1", sshd.port()).knownHosts(KnownHostsFile.fromText(sshd.knownLine()))
                    .agent(new UNIXClientEndpoint(reactor, socket)).onClose(() -> closed.callback(null)).connect());
            connection.forwardAgentTo(new UNIXClientEndpoint(reactor, socket));
            Collector command = new Collector();
            Coroutine.await(connection.execCommand("ssh-add -l", command, null));
            Coroutine.await(command.ended);
            connection.transport().disconnect(DisconnectReason.BY_APPLICATION, "done");
            Coroutine.await(closed);
            assertThat(command.received.toString(UTF_8)).contains(login.fingerprintSha256() + " login key (ED25519)");
        } finally {
            Coroutine.await(agent.stopListening());
            log = sshd.server().stop(reactor);
        }
        assertThat(log).contains("Accepted publickey for " + System.getProperty("user.name"));
    }
}
