package org.twisted4j.conch.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.HostKeys;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class ConchPluginTest {

    @TempDir
    Path dir;

    private final ConchPlugin plugin = new ConchPlugin();

    private StreamServerEndpointService make(NioReactor reactor, String... args) {
        return (StreamServerEndpointService) plugin.makeService(reactor, plugin.options().parse(List.of(args)));
    }

    @Test
    void interfaceJoinsThePortAndHostKeysAreMadeInData(NioReactor reactor) throws Exception {
        Path data = dir.resolve("keys");
        Path root = Files.createDirectory(dir.resolve("root"));
        StreamServerEndpointService service = make(reactor, "-p", "tcp:0", "-i", "127.0.0.1", "-d", data.toString(),
                "--auth", "memory:alice:secret", "--root", root.toString());
        service.startService();
        try {
            ListeningPort port = Coroutine.await(service.whenListening());
            assertThat(((IPv4Address) port.getHost()).host()).isEqualTo("127.0.0.1");
            assertThat(data.resolve("ssh_host_ed25519_key")).isRegularFile();
            assertThat(data.resolve("ssh_host_ecdsa_key")).isRegularFile();
            assertThat(data.resolve("ssh_host_rsa_key")).isRegularFile();
        } finally {
            Coroutine.await(service.stopService());
        }
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption(NioReactor reactor) throws Exception {
        String data = dir.resolve("keys").toString();
        assertThatThrownBy(() -> make(reactor, "-d", data, "--root", dir.resolve("missing").toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("--root");
        assertThatThrownBy(() -> make(reactor, "-d", data, "--moduli", dir.resolve("missing").toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("--moduli");
        assertThatThrownBy(() -> make(reactor, "-d", data, "--auth", "anonymous"))
                .isInstanceOf(UsageError.class).hasMessageContaining("--auth");
        Path file = Files.writeString(dir.resolve("plain"), "not a directory");
        assertThatThrownBy(() -> make(reactor, "-d", file.toString())).isInstanceOf(UsageError.class)
                .hasMessageContaining("--data");
        assertThatThrownBy(() -> make(reactor, "-d", data, "-p", "nonsense:1")).isInstanceOf(UsageError.class)
                .hasMessageContaining("--port");
    }

    @Test
    void helpSaysWhoCommandsRunAsAndTheDefaults() {
        String help = plugin.options().help();
        assertThat(help).contains("--port").contains("tcp:22").contains("--data").contains("/etc/ssh")
                .contains("--moduli").contains("--root").contains("server's own operating system user")
                .contains("--no-shell").contains("--allow-forwarding").contains("--auth")
                .contains("--trusted-user-ca-keys").contains("TrustedUserCAKeys").contains("principals")
                .contains("--host-certificate").contains("HostCertificate");
    }

    /** Writes a certificate of {@code key} as a {@code -cert.pub} line. */
    private Path certificateFile(String name, Key key, Certificate.Type type) throws Exception {
        Certificate cert = Certificate.builder(key.toPublic()).type(type).keyId(name).principals(List.of("127.0.0.1"))
                .sign(Key.generate(KeyType.ED25519), "ssh-ed25519");
        return Files.writeString(dir.resolve(name + "-cert.pub"), cert.publicLine() + "\n");
    }

    @Test
    void aHostCertificateMustBeAHostCertificateOfAHostKeyInData(NioReactor reactor) throws Exception {
        Path data = dir.resolve("keys");
        List<Key> hostKeys = HostKeys.loadOrGenerate(data, HostKeys.DEFAULT_TYPES);
        Path good = certificateFile("host", hostKeys.get(0), Certificate.Type.HOST);
        StreamServerEndpointService service = make(reactor, "-p", "tcp:0:interface=127.0.0.1", "-d", data.toString(),
                "--host-certificate", good.toString(), "--host-certificate",
                certificateFile("rsa", hostKeys.get(2), Certificate.Type.HOST).toString());
        assertThat(service).isNotNull();

        Path user = certificateFile("user", hostKeys.get(0), Certificate.Type.USER);
        assertThatThrownBy(() -> make(reactor, "-d", data.toString(), "--host-certificate", user.toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("--host-certificate")
                .hasMessageContaining("not a host certificate");
        Path other = certificateFile("other", Key.generate(KeyType.ED25519), Certificate.Type.HOST);
        assertThatThrownBy(() -> make(reactor, "-d", data.toString(), "--host-certificate", other.toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("--host-certificate")
                .hasMessageContaining("none of the host keys");
        Path plainKey = data.resolve("ssh_host_ed25519_key.pub");
        assertThatThrownBy(() -> make(reactor, "-d", data.toString(), "--host-certificate", plainKey.toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("not an OpenSSH certificate");
        assertThatThrownBy(() -> make(reactor, "-d", data.toString(), "--host-certificate",
                dir.resolve("missing").toString())).isInstanceOf(UsageError.class)
                .hasMessageContaining("--host-certificate");
    }

    @Test
    void trustedUserCaKeysAreReadAsSshdReadsThem(NioReactor reactor) throws Exception {
        String data = dir.resolve("keys").toString();
        Path cas = Files.writeString(dir.resolve("cas"), "# user CAs\n\n" + Key.generate(KeyType.ED25519)
                .publicLine("first") + "\n  " + Key.generate(KeyType.ECDSA_P256).publicLine("") + "\n");
        assertThat(make(reactor, "-p", "tcp:0:interface=127.0.0.1", "-d", data, "--trusted-user-ca-keys",
                cas.toString(), "--auth", "memory:alice:secret", "--root", dir.toString())).isNotNull();
        assertThat(make(reactor, "-p", "tcp:0:interface=127.0.0.1", "-d", data, "--trusted-user-ca-keys",
                cas.toString())).isNotNull();
        Path bad = Files.writeString(dir.resolve("bad"), Key.generate(KeyType.ED25519).publicLine("") + "\nnonsense\n");
        assertThatThrownBy(() -> make(reactor, "-d", data, "--trusted-user-ca-keys", bad.toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("--trusted-user-ca-keys")
                .hasMessageContaining("line 2");
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
        assertThatThrownBy(() -> make(reactor, "-d", data, "--trusted-user-ca-keys", empty.toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("no key");
        assertThatThrownBy(() -> make(reactor, "-d", data, "--trusted-user-ca-keys",
                dir.resolve("missing").toString())).isInstanceOf(UsageError.class)
                .hasMessageContaining("--trusted-user-ca-keys");
    }
}
