package org.twisted4j.twist;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Service;
import org.twisted4j.application.Services;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorCore.Phase;
import org.twisted4j.logger.Logger;

/**
 * Runs a service on a reactor until the reactor stops (on SIGINT or SIGTERM, or when starting fails), telling
 * a listener whether it started, and systemd too when it asked ({@link SystemdNotify}).
 */
final class Runner {

    /** Hears how starting went; called on the reactor thread. */
    interface StartListener {
        /** The service has started. */
        void started();

        /** The service could not start, for {@code reason} (one line). */
        void failed(String reason);
    }

    static final StartListener IGNORE = new StartListener() {
        @Override
        public void started() {
        }

        @Override
        public void failed(String reason) {
        }
    };

    private static final Logger log = new Logger("twist");

    private final ReactorBackend reactor;
    private final List<Runnable> atExit = new ArrayList<>();

    Runner(ReactorBackend reactor) {
        this.reactor = reactor;
    }

    ReactorBackend reactor() {
        return reactor;
    }

    /** Runs {@code cleanup} once the reactor has shut down, even when the JVM is exiting on a signal. */
    void atExit(Runnable cleanup) {
        atExit.add(cleanup);
    }

    /**
     * Starts {@code service} once the reactor runs, runs the reactor with signal handling, and returns the exit
     * status: 0 after a clean stop, 1 if the service could not start.
     */
    int run(String name, Service service, StartListener listener) {
        return run(name, service, listener, null);
    }

    /**
     * Runs as {@link #run(String, Service, StartListener)}, switching to {@code privileges} once the service's
     * privileged start (its listening ports) is done and before anything else of it starts.
     */
    int run(String name, Service service, StartListener listener, @Nullable Privileges privileges) {
        int[] status = {0};
        SystemdNotify systemd = SystemdNotify.from(System.getenv());
        reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, () -> {
            systemd.stopping();
            return null;
        });
        reactor.addSystemEventTrigger(Phase.AFTER, ReactorCore.SHUTDOWN, () -> {
            log.info("{name} stopped", "name", name);
            cleanUp();
            return null;
        });
        Runnable switchUser = privileges == null ? () -> { } : () -> {
            privileges.apply();
            log.info("switched to {privileges}", "privileges", privileges);
        };
        Services.startApplication(reactor, service, switchUser).addCallbacks(ignored -> {
            log.info("{name} started (reactor {reactor}, pid {pid})", "name", name, "reactor", reactor.backendName(),
                    "pid", ProcessHandle.current().pid());
            listener.started();
            systemd.ready(reactor);
            return null;
        }, failure -> {
            String reason = reason(failure);
            log.critical("{name} could not start: {reason}", "name", name, "reason", reason);
            status[0] = 1;
            listener.failed(reason);
            return null;
        });
        try {
            reactor.run(true);
        } finally {
            cleanUp();
        }
        return status[0];
    }

    private synchronized void cleanUp() {
        for (Runnable cleanup : atExit) {
            cleanup.run();
        }
        atExit.clear();
    }

    /** Returns a one-line reason for a failure: the exception's message, else its type. */
    static String reason(Failure failure) {
        return reason(failure.value());
    }

    static String reason(Throwable error) {
        @Nullable String message = error.getMessage();
        return message == null || message.isBlank() ? error.toString() : message.lines().findFirst().orElse(message);
    }
}
