package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.SshInteropTest.Run;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.userauth.UserCertificateChecker;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * OpenSSH's client logging in to our server with user certificates made by {@code ssh-keygen -s}: a good one
 * logs in; an expired one, one for another principal, one from an untrusted CA and one for another source
 * address are refused; a {@code force-command} runs instead of the command asked for. And our host certificate
 * trusted by OpenSSH's client through a {@code @cert-authority} line, and refused under another CA. A certificate
 * made with {@code -O no-pty -O no-port-forwarding} gets no terminal from {@code ssh -tt} and its {@code -L} and
 * {@code -R} forwards are refused, while one with ssh-keygen's default permissions gets a terminal and a working
 * {@code -L} forward.
 */
@ExtendWith(TrialExtension.class)
class UserCertificateInteropTest {

    @TempDir
    Path dir;

    private ListeningPort serve(NioReactor reactor) throws Exception {
        return serve(reactor, List.of(HostKey.generate("ssh-ed25519")));
    }

    private ListeningPort serve(NioReactor reactor, List<HostKey> hostKeys) throws Exception {
        keygen("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("ca").toString());
        keygen("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id").toString());
        Key ca = Key.fromFile(dir.resolve("ca.pub"), null);
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, true), LoginResult.NO_LOGOUT)),
                new UserCertificateChecker(List.of(ca), reactor, null));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, hostKeys, portal);
        return reactor.listenTCP(0, factory, 50, "127.0.0.1");
    }

    /** Signs the user key with these ssh-keygen options into {@code name-cert.pub}, and returns that file. */
    private Path certify(String name, String ca, String... options) throws Exception {
        Path copy = dir.resolve(name + ".pub");
        Files.copy(dir.resolve("id.pub"), copy);
        List<String> arguments = new ArrayList<>(List.of("-q", "-s", dir.resolve(ca).toString(), "-I", name));
        arguments.addAll(List.of(options));
        arguments.add(copy.toString());
        keygen(arguments.toArray(String[]::new));
        return dir.resolve(name + "-cert.pub");
    }

    private void keygen(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.SSH_KEYGEN.require().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private Run ssh(NioReactor reactor, ListeningPort port, Path certificate, String remoteCommand) throws Exception {
        return ssh(reactor, port, certificate, remoteCommand, "StrictHostKeyChecking=no",
                "UserKnownHostsFile=/dev/null");
    }

    private Run ssh(NioReactor reactor, ListeningPort port, Path certificate, String remoteCommand,
            String... options) throws Exception {
        List<String> command = sshCommand(port, certificate, options);
        command.addAll(List.of("alice@127.0.0.1", remoteCommand));
        return SshInteropTest.run(reactor, command, null);
    }

    /** OpenSSH's client with this certificate, up to its target. */
    private List<String> sshCommand(ListeningPort port, Path certificate, String... options) {
        List<String> command = new ArrayList<>(List.of(Peer.SSH.require().toString(), "-F", "/dev/null", "-p",
                String.valueOf(((IPv4Address) port.getHost()).port()), "-o", "IdentitiesOnly=yes",
                "-o", "IdentityFile=" + dir.resolve("id"), "-o", "CertificateFile=" + certificate,
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "-v"));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        return command;
    }

    /**
     * Runs {@code ssh -N -L} with this certificate to {@code target}, reads what comes through the forward, and
     * returns it with everything ssh said.
     */
    private String[] throughLocalForward(NioReactor reactor, ListeningPort port, Path certificate, int target)
            throws Exception {
        int local = ExternalServer.freePort();
        List<String> command = sshCommand(port, certificate, "StrictHostKeyChecking=no",
                "UserKnownHostsFile=/dev/null");
        command.addAll(List.of("-N", "-L", local + ":127.0.0.1:" + target, "alice@127.0.0.1"));
        ExternalServer ssh = ExternalServer.start(reactor, "ssh -L", command, local);
        String read;
        try {
            read = Coroutine.await(reactor.deferToThread(() -> {
                try (Socket socket = new Socket("127.0.0.1", local)) {
                    socket.setSoTimeout(20_000);
                    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            }));
        } finally {
            ssh.stop(reactor);
        }
        return new String[] {read, ssh.stop(reactor)};
    }

    @Test
    void twistConchLogsInCertifiedUsersAndPresentsItsHostCertificate(NioReactor reactor) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        keygen("-q", "-t", "ed25519", "-N", "", "-f", data.resolve("ssh_host_ed25519_key").toString());
        keygen("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host-ca").toString());
        keygen("-q", "-s", dir.resolve("host-ca").toString(), "-h", "-I", "test host", "-n", "127.0.0.1",
                data.resolve("ssh_host_ed25519_key.pub").toString());
        keygen("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("ca").toString());
        keygen("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id").toString());
        Path cas = Files.writeString(dir.resolve("trusted-user-ca-keys"), "# the user CA\n"
                + Files.readString(dir.resolve("ca.pub")));
        String self = System.getProperty("user.name");
        org.twisted4j.conch.tap.ConchPlugin plugin = new org.twisted4j.conch.tap.ConchPlugin();
        org.twisted4j.application.StreamServerEndpointService service =
                (org.twisted4j.application.StreamServerEndpointService) plugin.makeService(reactor,
                        plugin.options().parse(List.of("-p", "tcp:0", "-i", "127.0.0.1", "-d", data.toString(),
                                "--auth", "sshkey", "--trusted-user-ca-keys", cas.toString(), "--host-certificate",
                                data.resolve("ssh_host_ed25519_key-cert.pub").toString())));
        service.startService();
        try {
            ListeningPort port = Coroutine.await(service.whenListening());
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "@cert-authority 127.0.0.1 "
                    + Files.readString(dir.resolve("host-ca.pub")));
            String[] strict = {"StrictHostKeyChecking=yes", "UserKnownHostsFile=" + knownHosts,
                "HostKeyAlgorithms=ssh-ed25519-cert-v01@openssh.com"};
            Path certified = certify("self", "ca", "-n", self);
            List<String> command = sshCommand(port, certified, strict);
            command.addAll(List.of(self + "@127.0.0.1", "echo certified; id -un"));
            Run run = SshInteropTest.run(reactor, command, null);
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.output()).isEqualTo("certified\n" + self + "\n");
            assertThat(run.errors()).contains("Server host certificate: ssh-ed25519-cert-v01@openssh.com")
                    .contains("is known and matches the ED25519-CERT host certificate")
                    .contains("Authenticated to 127.0.0.1");

            Path otherPrincipal = certify("other", "ca", "-n", self + "x");
            command = sshCommand(port, otherPrincipal, strict);
            command.addAll(List.of(self + "@127.0.0.1", "echo certified"));
            Run refused = SshInteropTest.run(reactor, command, null);
            assertThat(refused.exitCode()).as(refused.errors()).isEqualTo(255);
            assertThat(refused.errors()).contains("Permission denied");
        } finally {
            Coroutine.await(service.stopService());
        }
    }

    @Test
    void certificateExtensionsRestrictTheLoginAsSshdDoes(NioReactor reactor) throws Exception {
        ListeningPort port = serve(reactor);
        ListeningPort target = reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().write(ByteBuffer.wrap("through the forward\n".getBytes(StandardCharsets.UTF_8)));
                transport().loseConnection();
            }
        }), 50, "127.0.0.1");
        int targetPort = ((IPv4Address) target.getHost()).port();
        try {
            Path restricted = certify("restricted", "ca", "-n", "alice", "-O", "no-pty", "-O", "no-port-forwarding");
            // ssh -tt asked for a terminal explicitly, so it gives up when the server refuses one (as with sshd).
            Run noPty = ssh(reactor, port, restricted, "tty", "StrictHostKeyChecking=no",
                    "UserKnownHostsFile=/dev/null", "RequestTTY=force");
            assertThat(noPty.exitCode()).as(noPty.errors()).isEqualTo(255);
            assertThat(noPty.errors()).contains("PTY allocation request failed");
            assertThat(noPty.output()).doesNotContain("/dev/pts");
            String[] refused = throughLocalForward(reactor, port, restricted, targetPort);
            assertThat(refused[0]).isEmpty();
            assertThat(refused[1]).contains("administratively prohibited");
            List<String> remote = sshCommand(port, restricted, "StrictHostKeyChecking=no",
                    "UserKnownHostsFile=/dev/null", "ExitOnForwardFailure=yes");
            remote.addAll(List.of("-N", "-R", "127.0.0.1:0:127.0.0.1:" + targetPort, "alice@127.0.0.1"));
            Run noRemote = SshInteropTest.run(reactor, remote, null);
            assertThat(noRemote.exitCode()).as(noRemote.errors()).isEqualTo(255);
            assertThat(noRemote.errors()).contains("remote port forwarding failed");

            Path permitted = certify("permitted", "ca", "-n", "alice");
            Run pty = ssh(reactor, port, permitted, "tty", "StrictHostKeyChecking=no",
                    "UserKnownHostsFile=/dev/null", "RequestTTY=force");
            assertThat(pty.exitCode()).as(pty.errors()).isZero();
            assertThat(pty.errors()).doesNotContain("PTY allocation request failed");
            assertThat(pty.output()).startsWith("/dev/pts/");
            String[] forwarded = throughLocalForward(reactor, port, permitted, targetPort);
            assertThat(forwarded[0]).as(forwarded[1]).isEqualTo("through the forward\n");
        } finally {
            Coroutine.await(target.stopListening());
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void sshTrustsOurHostCertificateThroughACertAuthorityLine(NioReactor reactor) throws Exception {
        Key hostCa = Key.generate(KeyType.ED25519);
        HostKey plain = HostKey.generate("ssh-ed25519");
        Certificate hostCert = Certificate.builder(Key.fromKeyPair(plain.keyPair())).type(Certificate.Type.HOST)
                .keyId("test host").principals(List.of("127.0.0.1")).sign(hostCa, "ssh-ed25519");
        ListeningPort port = serve(reactor, List.of(plain.withCertificate(hostCert.blob()), plain));
        try {
            Path userCert = certify("user", "ca", "-n", "alice");
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "@cert-authority * " + hostCa.publicLine("") + "\n");
            Run trusted = ssh(reactor, port, userCert, "echo trusted", "StrictHostKeyChecking=yes",
                    "UserKnownHostsFile=" + knownHosts, "HostKeyAlgorithms=ssh-ed25519-cert-v01@openssh.com");
            assertThat(trusted.exitCode()).as(trusted.errors()).isZero();
            assertThat(trusted.output()).isEqualTo("trusted\n");
            assertThat(trusted.errors()).contains("Server host certificate: ssh-ed25519-cert-v01@openssh.com")
                    .contains("is known and matches the ED25519-CERT host certificate");

            Files.writeString(knownHosts, "@cert-authority * " + Key.generate(KeyType.ED25519).publicLine("") + "\n");
            Run untrusted = ssh(reactor, port, userCert, "echo trusted", "StrictHostKeyChecking=yes",
                    "UserKnownHostsFile=" + knownHosts, "HostKeyAlgorithms=ssh-ed25519-cert-v01@openssh.com");
            assertThat(untrusted.exitCode()).as(untrusted.errors()).isEqualTo(255);
            assertThat(untrusted.output()).isEmpty();
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void certificatesLogInOrAreRefusedAsSshdWould(NioReactor reactor) throws Exception {
        ListeningPort port = serve(reactor);
        try {
            Path good = certify("good", "ca", "-n", "alice,bob", "-V", "-5m:+1h");
            Run ok = ssh(reactor, port, good, "echo hello");
            assertThat(ok.exitCode()).as(ok.errors()).isZero();
            assertThat(ok.output()).isEqualTo("hello\n");
            assertThat(ok.errors()).contains("ED25519-CERT").contains("Authenticated to 127.0.0.1");

            Path expired = certify("expired", "ca", "-n", "alice", "-V", "20200101:20200102");
            Path otherUser = certify("other", "ca", "-n", "bob");
            Path noPrincipals = certify("none", "ca");
            Path elsewhere = certify("elsewhere", "ca", "-n", "alice", "-O", "source-address=10.0.0.0/8");
            keygen("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("rogue").toString());
            Path untrusted = certify("untrusted", "rogue", "-n", "alice");
            for (Path refused : List.of(expired, otherUser, noPrincipals, elsewhere, untrusted)) {
                Run run = ssh(reactor, port, refused, "echo hello");
                assertThat(run.exitCode()).as(refused + ": " + run.errors()).isEqualTo(255);
                assertThat(run.errors()).as(refused.toString()).contains("Permission denied");
                assertThat(run.output()).isEmpty();
            }

            Path forced = certify("forced", "ca", "-n", "alice", "-O", "force-command=echo forced");
            Run run = ssh(reactor, port, forced, "echo asked");
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.output()).isEqualTo("forced\n");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
