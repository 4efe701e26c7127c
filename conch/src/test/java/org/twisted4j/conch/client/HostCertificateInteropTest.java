package org.twisted4j.conch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Our client against OpenSSH's {@code sshd} presenting a host certificate made by {@code ssh-keygen -s -h}: trusted
 * through a {@code @cert-authority} line for its CA, refused under another CA.
 */
@ExtendWith(TrialExtension.class)
class HostCertificateInteropTest {

    @TempDir
    Path dir;

    private static void keygen(NioReactor reactor, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Peer.SSH_KEYGEN.require().toString(), "-q"));
        command.addAll(List.of(arguments));
        assertThat(SshClientInteropTest.run(reactor, command)).isZero();
    }

    @Test
    void aHostCertificateIsTrustedThroughItsCertAuthorityLineOnly(NioReactor reactor) throws Exception {
        Path sshd = SshClientInteropTest.SSHD.require();
        for (String name : List.of("host", "ca", "id")) {
            keygen(reactor, "-t", "ed25519", "-N", "", "-f", dir.resolve(name).toString());
        }
        keygen(reactor, "-s", dir.resolve("ca").toString(), "-h", "-I", "test host", "-n", "127.0.0.1",
                dir.resolve("host.pub").toString());
        Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
        int port = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host"), "HostCertificate " + dir.resolve("host-cert.pub"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no", "PermitRootLogin yes",
                "PidFile " + dir.resolve("sshd.pid"), "LogLevel VERBOSE", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        ExternalServer server = ExternalServer.start(reactor, "sshd",
                List.of(sshd.toString(), "-D", "-e", "-f", config.toString()), port);
        try {
            List<Key> keys = List.of(Key.fromFile(dir.resolve("id"), null));
            String user = System.getProperty("user.name");
            Key ca = Key.fromFile(dir.resolve("ca.pub"), null);
            KnownHostsFile trusting = KnownHostsFile.fromText("@cert-authority * " + ca.publicLine("") + "\n");
            SshClientInteropTest.Collector command = new SshClientInteropTest.Collector();
            Coroutine.await(SshCommandClientEndpoint.newConnection(reactor, "echo certified", user, "127.0.0.1",
                    port, keys, null, trusting, KnownHostsUI.REFUSE_UNKNOWN)
                    .connect(Factory.forProtocol(() -> command)));
            Coroutine.await(command.ended);
            assertThat(command.text()).isEqualTo("certified\n");

            KnownHostsFile other = KnownHostsFile.fromText("@cert-authority * "
                    + Key.generate(KeyType.ED25519).publicLine("") + "\n");
            assertThatThrownBy(() -> Coroutine.await(SshCommandClientEndpoint.newConnection(reactor, "echo no",
                    user, "127.0.0.1", port, keys, null, other, KnownHostsUI.REFUSE_UNKNOWN)
                    .connect(Factory.forProtocol(SshClientInteropTest.Collector::new))))
                    .isInstanceOf(Exception.class);
        } finally {
            assertThat(server.stop(reactor)).contains("Accepted publickey for " + System.getProperty("user.name"));
        }
    }
}
