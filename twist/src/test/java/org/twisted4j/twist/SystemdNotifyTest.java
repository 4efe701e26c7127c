package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.task.Clock;

/** {@code sd_notify} messages on a {@link Clock}, received by a stand-in for systemd's notification socket. */
class SystemdNotifyTest {

    @TempDir
    Path dir;

    @Test
    void watchdogMessagesGoEveryHalfTimeoutAfterReadyUntilStopping() throws Exception {
        Path socket = dir.resolve("notify.sock");
        try (DatagramReceiver systemd = DatagramReceiver.bind(socket)) {
            SystemdNotify notify = SystemdNotify.from(Map.of("NOTIFY_SOCKET", socket.toString(),
                    "WATCHDOG_USEC", "4000000", "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())));
            Clock clock = new Clock();
            notify.ready(clock);

            assertThat(systemd.next()).isEqualTo("READY=1 MAINPID=" + ProcessHandle.current().pid());
            assertThat(systemd.next()).isEqualTo("WATCHDOG=1");
            clock.advance(2);
            assertThat(systemd.next()).isEqualTo("WATCHDOG=1");
            notify.stopping();
            assertThat(systemd.next()).isEqualTo("STOPPING=1");
            assertThat(clock.getDelayedCalls()).as("no more watchdog messages").isEmpty();
        }
    }

    @Test
    void watchdogForAnotherProcessOrWithoutNotifySocketIsNotKept() {
        assertThat(SystemdNotify.from(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "4000000",
                "WATCHDOG_PID", "1")).watchdogInterval()).isZero();
        assertThat(SystemdNotify.from(Map.of("WATCHDOG_USEC", "4000000")).watchdogInterval()).isZero();
        assertThat(SystemdNotify.from(Map.of("NOTIFY_SOCKET", "@abstract", "WATCHDOG_USEC", "3000000"))
                .watchdogInterval()).isEqualTo(1.5);
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        SystemdNotify notify = SystemdNotify.from(Map.of());
        Clock clock = new Clock();
        notify.ready(clock);
        notify.stopping();

        assertThat(clock.getDelayedCalls()).isEmpty();
    }
}
