package org.twisted4j.conch.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.Service;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.manhole.ManholeService;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class ManholePluginTest {

    @TempDir
    Path dir;

    private final ManholePlugin plugin = new ManholePlugin();

    private Service make(NioReactor reactor, String... args) {
        return plugin.makeService(reactor, plugin.options().parse(List.of(args)));
    }

    @Test
    void authenticationIsMandatoryAndAPortIsNeeded(NioReactor reactor) throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:secret\n");
        assertThatThrownBy(() -> make(reactor, "-t", "tcp:0:interface=127.0.0.1")).isInstanceOf(UsageError.class)
                .hasMessageContaining("--passwd");
        assertThatThrownBy(() -> make(reactor, "-t", "tcp:0:interface=127.0.0.1", "-p", dir.resolve("no").toString()))
                .isInstanceOf(UsageError.class).hasMessageContaining("--passwd");
        assertThatThrownBy(() -> make(reactor, "-p", passwd.toString())).isInstanceOf(UsageError.class)
                .hasMessageContaining("--telnetPort");
    }

    @Test
    void telnetRefusesAnInterfaceOtherThanLoopbackUnlessInsecure(NioReactor reactor) throws Exception {
        String passwd = Files.writeString(dir.resolve("passwd"), "alice:secret\n").toString();
        assertThatThrownBy(() -> make(reactor, "-t", "tcp:0", "-p", passwd)).isInstanceOf(UsageError.class)
                .hasMessageContaining("not on a loopback interface");
        assertThatThrownBy(() -> make(reactor, "-t", "tcp:0:interface=0.0.0.0", "-p", passwd))
                .isInstanceOf(UsageError.class);
        assertThat(make(reactor, "-t", "tcp:0", "-p", passwd, "--insecure-telnet")).isInstanceOf(ManholeService.class);
        assertThat(make(reactor, "--telnetPort", "tcp:0:interface=127.0.0.1", "-p", passwd))
                .isInstanceOf(ManholeService.class);
        assertThat(ManholeService.isLoopbackOnly("tcp6:0:interface=\\:\\:1")).isTrue();
        assertThat(ManholeService.isLoopbackOnly("unix:/tmp/manhole.sock")).isTrue();
        assertThat(ManholeService.isLoopbackOnly("tcp:0:interface=192.0.2.1")).isFalse();
    }

    @Test
    void theSshKeyIsGeneratedOnceAndReused(NioReactor reactor) throws Exception {
        String passwd = Files.writeString(dir.resolve("passwd"), "alice:secret\n").toString();
        Path keys = dir.resolve("keys");
        make(reactor, "-s", "tcp:0:interface=127.0.0.1", "-p", passwd, "--sshKeyDir", keys.toString(),
                "--sshKeyName", "host.key", "--sshKeySize", "2048");
        String key = Files.readString(keys.resolve("host.key"));
        assertThat(key).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(keys.resolve("host.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        make(reactor, "-s", "tcp:0:interface=127.0.0.1", "-p", passwd, "--sshKeyDir", keys.toString(),
                "--sshKeyName", "host.key");
        assertThat(Files.readString(keys.resolve("host.key"))).isEqualTo(key);
        assertThatThrownBy(() -> make(reactor, "-s", "tcp:0", "-p", passwd, "--sshKeyDir", keys.toString(),
                "--sshKeyName", "other.key", "--sshKeySize", "512")).isInstanceOf(UsageError.class)
                .hasMessageContaining("--sshKeySize");
    }

    @Test
    void helpNamesTwistedsOptions() {
        assertThat(plugin.options().help()).contains("--telnetPort").contains("--sshPort").contains("--passwd")
                .contains("--sshKeyDir").contains("--sshKeyName").contains("--sshKeySize").contains("4096")
                .contains("--insecure-telnet");
    }
}
