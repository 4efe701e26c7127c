package org.twisted4j.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.testing.MemoryReactor;

class FtpPluginTest {

    @TempDir
    Path dir;

    private ParsedOptions parse(String... args) {
        return new FtpPlugin().options().parse(List.of(args));
    }

    @Test
    void helpNamesEveryOptionWithItsDefault() {
        String help = new FtpPlugin().options().help();
        assertThat(help).contains("--port", "(default 2121)", "--root", "(default /usr/local/ftp)", "--userAnonymous",
                "--auth", "--passive-ports", "--certificate", "--private-key", "--require-tls", "--allow-write");
    }

    @Test
    void makesAListeningServiceAndChecksOptions() {
        MemoryReactor reactor = new MemoryReactor();
        FtpPlugin plugin = new FtpPlugin();
        assertThat(plugin.makeService(reactor, parse("--port", "0", "--root", dir.toString(), "--passive-ports",
                "50000-50010", "--auth", "memory:alice:secret", "--allow-write"))).isNotNull();
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--root", dir.resolve("missing").toString())))
                .isInstanceOf(UsageError.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--root", dir.toString(), "--passive-ports", "9-5")))
                .isInstanceOf(UsageError.class).hasMessageContaining("--passive-ports");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--root", dir.toString(), "--require-tls")))
                .isInstanceOf(UsageError.class).hasMessageContaining("--certificate");
    }
}
