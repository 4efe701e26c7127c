package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twistd --syslog --prefix} in a separate JVM, its messages caught by a stand-in syslog socket. */
class TwistdSyslogProcessTest {

    @TempDir
    Path dir;

    @Test
    void twistdLogsToTheSyslogSocketWithItsPrefixAndPid() throws Exception {
        Path socket = dir.resolve("log.sock");
        try (DatagramReceiver syslog = DatagramReceiver.bind(socket)) {
            ChildJvm twistd = ChildJvm.start(Twistd.class, dir, "-n", "--pidfile", "", "--syslog", "--prefix",
                    "pf", "--syslog-socket", socket.toString(), "portforward", "--port", "tcp:0:interface=127.0.0.1",
                    "--host", "127.0.0.1", "--dest_port", "9");
            String started = syslog.await("portforward started");
            assertThat(started).matches("<14>[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d pf\\[" + twistd.pid()
                    + "\\]: \\[twist\\] portforward started \\(reactor nio, pid " + twistd.pid() + "\\)");
            twistd.terminate();
            assertThat(twistd.waitFor()).isZero();
            assertThat(syslog.await("portforward stopped")).contains(" pf[" + twistd.pid() + "]: [twist] ");
            assertThat(twistd.out()).as("nothing logged on standard output").isEmpty();
        }
    }

    @Test
    void syslogWithALogFileIsAUsageError() throws Exception {
        ChildJvm twistd = ChildJvm.start(Twistd.class, dir, "-n", "--syslog", "--logfile", "x.log", "portforward",
                "--port", "tcp:0");
        assertThat(twistd.waitFor()).isEqualTo(2);
        assertThat(twistd.err()).contains("--syslog and --logfile both given");
    }
}
