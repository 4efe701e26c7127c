package org.twisted4j.twist;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Service;
import org.twisted4j.application.Services;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorCore.Phase;
import org.twisted4j.internet.ReactorGroup;
import org.twisted4j.internet.Reactors;
import org.twisted4j.logger.Logger;

/**
 * Runs a service on a reactor until the reactor stops (on SIGINT or SIGTERM, or when starting fails), telling
 * a listener whether it started, and systemd too when it asked ({@link SystemdNotify}). With
 * {@code --reactors N} ({@link ReactorCount}) it runs a group of N reactors, one copy of the service on each;
 * the service has started once every copy has, and stopped once every copy has.
 */
final class Runner {

    /** Hears how starting went; called on the thread of the first reactor. */
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

    private final ReactorGroup<ReactorBackend> group;
    private final List<Runnable> atExit = new ArrayList<>();

    /**
     * Makes a runner on a group of {@code reactors} reactors of the backend named {@code backend} (see
     * {@link Reactors#create}).
     *
     * @throws IllegalArgumentException if there are several reactors and the backend cannot share ports
     */
    Runner(String backend, int reactors) {
        this.group = ReactorGroup.of(reactors, index -> Reactors.create(backend));
    }

    /** Returns the first reactor, which runs on the calling thread of {@link #run}. */
    ReactorBackend reactor() {
        return group.reactor(0);
    }

    /** Returns the reactors, one copy of the service for each. */
    List<ReactorBackend> reactors() {
        return group.reactors();
    }

    /** Runs {@code cleanup} once the reactor has shut down, even when the JVM is exiting on a signal. */
    void atExit(Runnable cleanup) {
        atExit.add(cleanup);
    }

    /**
     * Starts one service per reactor (in the order of {@link #reactors()}) once the reactors run, runs them with
     * signal handling, and returns the exit status: 0 after a clean stop, 1 if the service could not start.
     * With {@code privileges}, switches to them once the service's privileged start (its listening ports) is
     * done and before anything else of it starts; that needs a single reactor.
     */
    int run(String name, List<Service> services, StartListener listener, @Nullable Privileges privileges) {
        if (services.size() != group.size()) {
            throw new IllegalArgumentException(services.size() + " services for " + group.size() + " reactors");
        }
        if (privileges != null && group.size() > 1) {
            throw new IllegalArgumentException("switching user needs a single reactor");
        }
        ReactorBackend first = reactor();
        SystemdNotify systemd = SystemdNotify.from(System.getenv());
        first.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, () -> {
            systemd.stopping();
            return null;
        });
        AtomicInteger running = new AtomicInteger(group.size());
        for (ReactorBackend reactor : group.reactors()) {
            reactor.addSystemEventTrigger(Phase.AFTER, ReactorCore.SHUTDOWN, () -> {
                if (running.decrementAndGet() == 0) {
                    log.info("{name} stopped", "name", name);
                    cleanUp();
                }
                return null;
            });
        }
        Runnable switchUser = privileges == null ? () -> { } : () -> {
            privileges.apply();
            log.info("switched to {privileges}", "privileges", privileges);
        };
        AtomicInteger starting = new AtomicInteger(group.size());
        AtomicBoolean failed = new AtomicBoolean();
        for (int i = 0; i < group.size(); i++) {
            Services.startApplication(group.reactor(i), services.get(i), switchUser).addCallbacks(ignored -> {
                if (starting.decrementAndGet() == 0 && !failed.get()) {
                    onFirst(() -> started(name, listener, systemd));
                }
                return null;
            }, failure -> {
                if (failed.compareAndSet(false, true)) {
                    String reason = reason(failure);
                    onFirst(() -> {
                        log.critical("{name} could not start: {reason}", "name", name, "reason", reason);
                        listener.failed(reason);
                    });
                }
                return null;
            });
        }
        try {
            group.run(true);
        } finally {
            cleanUp();
        }
        return failed.get() ? 1 : 0;
    }

    /** Runs {@code call} on the first reactor's thread: now if this is it, else on its next turn. */
    private void onFirst(Runnable call) {
        if (reactor().isInReactorThread()) {
            call.run();
        } else {
            reactor().callFromThread(call);
        }
    }

    /** Says the service has started. First reactor's thread. */
    private void started(String name, StartListener listener, SystemdNotify systemd) {
        if (group.size() == 1) {
            log.info("{name} started (reactor {reactor}, pid {pid})", "name", name, "reactor", reactor().backendName(),
                    "pid", ProcessHandle.current().pid());
        } else {
            log.info("{name} started on {reactors} reactors (reactor {reactor}, pid {pid})", "name", name,
                    "reactors", group.size(), "reactor", reactor().backendName(), "pid", ProcessHandle.current().pid());
        }
        listener.started();
        systemd.ready(reactor());
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
