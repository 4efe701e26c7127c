package org.twisted4j.twist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.logger.Logger;

/**
 * Tells systemd how the service is doing, as {@code sd_notify(3)}: {@code READY=1} once the services have
 * started (for {@code Type=notify} units) and {@code STOPPING=1} when they stop, as datagrams to the socket
 * named by {@code NOTIFY_SOCKET}. Without that variable it does nothing; a send that fails is logged once
 * per state, never fatal.
 *
 * <p>Any thread; sends are serialised.
 */
final class SystemdNotify {

    private static final Logger log = new Logger("twist");

    private final @Nullable UnixDatagram socket;

    private SystemdNotify(@Nullable UnixDatagram socket) {
        this.socket = socket;
    }

    /** Returns the notifier for {@code environment}'s {@code NOTIFY_SOCKET}, doing nothing if it is unset. */
    static SystemdNotify from(Map<String, String> environment) {
        String path = environment.get("NOTIFY_SOCKET");
        if (path == null || path.isEmpty()) {
            return new SystemdNotify(null);
        }
        try {
            return new SystemdNotify(new UnixDatagram(path));
        } catch (IllegalArgumentException e) {
            log.warn("NOTIFY_SOCKET ignored: {reason}", "reason", e.getMessage());
            return new SystemdNotify(null);
        }
    }

    /** Sends {@code READY=1} with this process's id. */
    void ready() {
        send("READY=1\nMAINPID=" + ProcessHandle.current().pid());
    }

    /** Sends {@code STOPPING=1}. */
    void stopping() {
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
