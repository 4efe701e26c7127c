package org.twisted4j.twist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.task.LoopingCall;
import org.twisted4j.logger.Logger;

/**
 * Tells systemd how the service is doing, as {@code sd_notify(3)}: {@code READY=1} once the services have
 * started (for {@code Type=notify} units), {@code WATCHDOG=1} every half {@code WATCHDOG_USEC} from the
 * reactor's thread when the unit sets {@code WatchdogSec=} (so a stuck reactor gets the service restarted),
 * and {@code STOPPING=1} when they stop, as datagrams to the socket named by {@code NOTIFY_SOCKET}. Without
 * that variable it does nothing; a send that fails is logged, never fatal.
 *
 * <p>Any thread; sends are serialised.
 */
final class SystemdNotify {

    private static final Logger log = new Logger("twist");

    private final @Nullable UnixDatagram socket;
    /** Half the watchdog timeout in seconds, or 0 if there is no watchdog for this process. */
    private final double watchdogInterval;
    private @Nullable LoopingCall watchdog;

    private SystemdNotify(@Nullable UnixDatagram socket, double watchdogInterval) {
        this.socket = socket;
        this.watchdogInterval = watchdogInterval;
    }

    /** Returns the notifier for {@code environment}'s {@code NOTIFY_SOCKET}, doing nothing if it is unset. */
    static SystemdNotify from(Map<String, String> environment) {
        String path = environment.get("NOTIFY_SOCKET");
        if (path == null || path.isEmpty()) {
            return new SystemdNotify(null, 0);
        }
        try {
            return new SystemdNotify(new UnixDatagram(path), watchdogInterval(environment));
        } catch (IllegalArgumentException e) {
            log.warn("NOTIFY_SOCKET ignored: {reason}", "reason", e.getMessage());
            return new SystemdNotify(null, 0);
        }
    }

    /** Returns half of {@code WATCHDOG_USEC} in seconds if it is meant for this process, else 0. */
    private static double watchdogInterval(Map<String, String> environment) {
        String usec = environment.get("WATCHDOG_USEC");
        String pid = environment.get("WATCHDOG_PID");
        if (usec == null || pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return 0;
        }
        try {
            long micros = Long.parseLong(usec);
            return micros > 0 ? micros / 2e6 : 0;
        } catch (NumberFormatException e) {
            log.warn("WATCHDOG_USEC ignored: not a number of microseconds: {value}", "value", usec);
            return 0;
        }
    }

    /** Returns the interval of {@code WATCHDOG=1} messages in seconds, 0 if systemd asked for none. */
    double watchdogInterval() {
        return watchdogInterval;
    }

    /**
     * Sends {@code READY=1} with this process's id, and starts the watchdog messages on {@code reactor}'s
     * thread if systemd asked for them. Reactor thread.
     */
    void ready(ReactorTime reactor) {
        ready();
        if (watchdogInterval > 0 && watchdog == null) {
            LoopingCall pings = new LoopingCall(reactor, () -> send("WATCHDOG=1"));
            watchdog = pings;
            pings.start(watchdogInterval, true);
        }
    }

    private void ready() {
        send("READY=1\nMAINPID=" + ProcessHandle.current().pid());
    }

    /** Sends {@code STOPPING=1} and stops the watchdog messages. Reactor thread. */
    void stopping() {
        LoopingCall pings = watchdog;
        if (pings != null && pings.running()) {
            pings.stop();
        }
        send("STOPPING=1");
    }

    private synchronized void send(String state) {
        if (socket == null) {
            return;
        }
        try {
            socket.send(state.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("cannot tell systemd {state}: {reason}", "state", state.lines().findFirst().orElse(state),
                    "reason", e.getMessage());
        }
    }
}
