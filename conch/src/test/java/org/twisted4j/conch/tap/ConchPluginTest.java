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
                .contains("--no-shell").contains("--allow-forwarding").contains("--auth");
    }
}
