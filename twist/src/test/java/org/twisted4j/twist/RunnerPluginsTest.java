package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.runner.InetdEntry;
import org.twisted4j.runner.InetdService;
import org.twisted4j.runner.ProcessMonitor;

/** The procmon and inetd plugins: their options and the services they make (built, not run). */
class RunnerPluginsTest {
    /** One reactor for the class, never run: the plugins only build their services on it. */
    private static final NioReactor REACTOR = new NioReactor();

    private Service make(ServiceMaker maker, String... args) {
        ParsedOptions options = maker.options().parse(List.of(args));
        return maker.makeService(REACTOR, options);
    }

    @Test
    void procmonMonitorsTheCommandLineWithTwistedsDefaults() {
        ProcessMonitor monitor = (ProcessMonitor) make(new ProcmonPlugin(), "sleep", "10");

        assertThat(monitor.processNames()).containsExactly("sleep 10");
        assertThat(monitor.threshold()).isEqualTo(1);
        assertThat(monitor.killTime()).isEqualTo(5);
        assertThat(monitor.minRestartDelay()).isEqualTo(1);
        assertThat(monitor.maxRestartDelay()).isEqualTo(3600);
        assertThat(monitor.isRunning()).isFalse();
    }

    @Test
    void procmonTakesItsTimesAndLeavesTheCommandsOwnOptionsAlone() {
        ProcessMonitor monitor = (ProcessMonitor) make(new ProcmonPlugin(),
                "-t", "2.5", "--killtime=1", "-m", "0.5", "--maxrestartdelay", "60", "worker", "-t", "9");

        assertThat(monitor.processNames()).containsExactly("worker -t 9");
        assertThat(monitor.threshold()).isEqualTo(2.5);
        assertThat(monitor.killTime()).isEqualTo(1);
        assertThat(monitor.minRestartDelay()).isEqualTo(0.5);
        assertThat(monitor.maxRestartDelay()).isEqualTo(60);
    }

    @Test
    void procmonWithoutACommandOrWithABadTimeIsAUsageError() {
        assertThatThrownBy(() -> make(new ProcmonPlugin()))
                .isInstanceOf(UsageError.class).hasMessage("Please specify a process commandline");
        assertThatThrownBy(() -> make(new ProcmonPlugin(), "-t", "soon", "sleep"))
                .isInstanceOf(UsageError.class).hasMessageContaining("--threshold");
        assertThatThrownBy(() -> make(new ProcmonPlugin(), "-k", "-1", "sleep"))
                .isInstanceOf(UsageError.class).hasMessageContaining("--killtime");
    }

    @Test
    void inetdListensForTheServicesOfTheFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, "# sample\n8123 stream tcp nowait nobody /bin/cat cat\necho stream tcp nowait root internal\n");

        InetdService inetd = (InetdService) make(new InetdPlugin(), "--file", conf.toString());
        assertThat(inetd.entries()).extracting(InetdEntry::port).containsExactly(8123, 7);
        assertThat(inetd.serverFor(inetd.entries().getFirst()).raisesSynchronously()).isTrue();

        InetdService noInternal = (InetdService) make(new InetdPlugin(), "-f", conf.toString(), "--nointernal");
        assertThat(noInternal.entries()).extracting(InetdEntry::port).containsExactly(8123);
    }

    @Test
    void inetdReportsABadLineOrAMissingFileAsAUsageError(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("inetd.conf");
        Files.writeString(conf, "echo stream tcp nowait root internal\necho stream tcp\n");

        assertThatThrownBy(() -> make(new InetdPlugin(), "-f", conf.toString()))
                .isInstanceOf(UsageError.class).hasMessageStartingWith(conf + " line 2: expected at least 6 fields");
        assertThatThrownBy(() -> make(new InetdPlugin(), "-f", dir.resolve("none.conf").toString()))
                .isInstanceOf(UsageError.class).hasMessageStartingWith("--file: cannot read " + dir.resolve("none.conf"));
    }

    @Test
    void inetdDefaultsToTheSystemFile() {
        assertThat(new InetdPlugin().options().parse(List.of()).string("file")).isEqualTo("/etc/inetd.conf");
    }
}
