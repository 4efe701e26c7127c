package org.twisted4j.runner;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.AbstractService;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.DeferredList;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ProcessExitedAlready;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;

/**
 * A service that keeps child processes running, as Twisted's {@code twisted.runner.procmon.ProcessMonitor}:
 * each process it monitors is started with the service, restarted when it exits, and stopped with the
 * service.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ProcessMonitor monitor = new ProcessMonitor(reactor);           // NioReactor: processes and time
 * monitor.addProcess("web", List.of("/usr/bin/python3", "-m", "http.server", "8000"), null, null);
 * monitor.addProcess("tick", List.of("/bin/sh", "-c", "while sleep 60; do date; done"));
 * monitor.setServiceParent(application);
 * }</pre>
 *
 * <h2>The rules, as in Twisted</h2>
 * <ul>
 *   <li>Adding a process while the service runs starts it at once; otherwise {@link #startService()}
 *       starts every process. {@link #startProcess} of a process that is running does nothing.</li>
 *   <li>When a process exits while the service runs and it is still monitored, it is started again. If
 *       it had run for at least the {@linkplain #setThreshold threshold} (1 s by default), that happens at
 *       once and its restart delay goes back to the {@linkplain #setMinRestartDelay minimum} (1 s). If it
 *       died sooner, the restart waits for the current delay, and the delay for the next quick death
 *       doubles, up to the {@linkplain #setMaxRestartDelay maximum} (3600 s).</li>
 *   <li>{@link #stopProcess} sends {@code TERM}, and {@code KILL} if the process is still there
 *       {@linkplain #setKillTime killTime} (5 s) later. While the service runs, a stopped process is
 *       restarted by the rule above; {@link #restartAll()} relies on that. {@link #removeProcess} stops
 *       it for good.</li>
 *   <li>{@link #stopService()} calls off pending restarts and stops every process.</li>
 *   <li>Each line a process writes to its standard output or error is logged at level info as
 *       {@code [name] line}, with the fields {@code tag} (the process's name), {@code line} and
 *       {@code stream} ({@code "stdout"} or {@code "stderr"}).</li>
 * </ul>
 *
 * <h2>Differences from Twisted</h2>
 * {@link #stopService()} returns a Deferred that fires once every process has ended (Twisted's returns
 * nothing to wait for). A program that cannot be started at all (no such file) counts as a process that
 * died at once: the failure is logged and the restart is delayed by the same rule. Processes run as this
 * program's user: Java cannot set another user or group for a child.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ProcessMonitor extends AbstractService {
    /** How long a process must run, in seconds, for its death not to count as quick: 1. */
    public static final double DEFAULT_THRESHOLD = 1;
    /** How long a process has after {@code TERM}, in seconds, before it is sent {@code KILL}: 5. */
    public static final double DEFAULT_KILL_TIME = 5;
    /** The first delay, in seconds, before restarting a process that died quickly: 1. */
    public static final double DEFAULT_MIN_RESTART_DELAY = 1;
    /** The longest delay, in seconds, before restarting a process that keeps dying quickly: 3600. */
    public static final double DEFAULT_MAX_RESTART_DELAY = 3600;

    private static final Logger LOG = Logger.forClass(ProcessMonitor.class);

    private record Spec(List<String> args, @Nullable Map<String, String> env, @Nullable Path cwd) {
    }

    private final ReactorProcess processes;
    private final ReactorTime time;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, Double> delays = new HashMap<>();
    private final Map<String, Child> children = new HashMap<>();
    private final Map<String, DelayedCall> restarts = new HashMap<>();
    private double threshold = DEFAULT_THRESHOLD;
    private double killTime = DEFAULT_KILL_TIME;
    private double minRestartDelay = DEFAULT_MIN_RESTART_DELAY;
    private double maxRestartDelay = DEFAULT_MAX_RESTART_DELAY;

    /**
     * Creates a monitor, not started, that starts processes and keeps time with {@code reactor}.
     *
     * @param reactor a reactor that runs processes and schedules calls, such as a {@code NioReactor}
     * @param <R> the reactor's type
     */
    public <R extends ReactorProcess & ReactorTime> ProcessMonitor(R reactor) {
        this(reactor, reactor);
    }

    /**
     * Creates a monitor, not started, that starts processes with {@code processes} and keeps time with
     * {@code time}; tests give a fake of each.
     *
     * @param processes starts the children
     * @param time schedules restarts and kills
     */
    public ProcessMonitor(ReactorProcess processes, ReactorTime time) {
        this.processes = Objects.requireNonNull(processes, "processes");
        this.time = Objects.requireNonNull(time, "time");
    }

    // ---- settings ----

    /** Returns how long, in seconds, a process must run for its death not to count as quick. */
    public double threshold() {
        return threshold;
    }

    /**
     * Sets how long, in seconds, a process must run for its death not to count as quick.
     *
     * @param seconds at least 0; {@link #DEFAULT_THRESHOLD} by default
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void setThreshold(double seconds) {
        this.threshold = checked(seconds, "threshold");
    }

    /** Returns how long, in seconds, a process has after {@code TERM} before it is sent {@code KILL}. */
    public double killTime() {
        return killTime;
    }

    /**
     * Sets how long, in seconds, a process has after {@code TERM} before it is sent {@code KILL}.
     *
     * @param seconds at least 0; {@link #DEFAULT_KILL_TIME} by default
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void setKillTime(double seconds) {
        this.killTime = checked(seconds, "killTime");
    }

    /** Returns the first delay, in seconds, before restarting a process that died quickly. */
    public double minRestartDelay() {
        return minRestartDelay;
    }

    /**
     * Sets the first delay, in seconds, before restarting a process that died quickly; the delay of a
     * process goes back to it after a run longer than the threshold. Processes already added keep their
     * current delay until then.
     *
     * @param seconds at least 0; {@link #DEFAULT_MIN_RESTART_DELAY} by default
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void setMinRestartDelay(double seconds) {
        this.minRestartDelay = checked(seconds, "minRestartDelay");
    }

    /** Returns the longest delay, in seconds, before restarting a process that keeps dying quickly. */
    public double maxRestartDelay() {
        return maxRestartDelay;
    }

    /**
     * Sets the longest delay, in seconds, before restarting a process that keeps dying quickly.
     *
     * @param seconds at least 0; {@link #DEFAULT_MAX_RESTART_DELAY} by default
     * @throws IllegalArgumentException if {@code seconds} is negative or not a number
     */
    public void setMaxRestartDelay(double seconds) {
        this.maxRestartDelay = checked(seconds, "maxRestartDelay");
    }

    private static double checked(double seconds, String what) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(what + " must be a finite number of seconds >= 0, not " + seconds);
        }
        return seconds;
    }

    // ---- the processes ----

    /**
     * Monitors a new process with an empty environment in this program's working directory, Twisted's
     * defaults; see {@link #addProcess(String, List, Map, Path)}.
     *
     * @param name the process's name, unique in this monitor
     * @param args the program and its arguments
     * @throws IllegalArgumentException if a process has that name already, or {@code args} is empty
     */
    public void addProcess(String name, List<String> args) {
        addProcess(name, args, Map.of(), null);
    }

    /**
     * Monitors a new process, starting it at once if the service is running.
     *
     * <p>{@code args} go to the program, not to a shell: for a shell command give
     * {@code List.of("/bin/sh", "-c", script)}. Its first element is the program to run, looked up on
     * {@code PATH} if it has no slash.
     *
     * @param name the process's name, unique in this monitor; it tags the process's output in the log
     * @param args the program and its arguments, as {@link ReactorProcess#spawnProcess} takes them
     * @param env the process's entire environment, or null to pass this program's on
     * @param cwd the process's working directory, or null for this program's
     * @throws IllegalArgumentException if a process has that name already (remove it first), or
     *     {@code args} is empty
     */
    public void addProcess(String name, List<String> args, @Nullable Map<String, String> env, @Nullable Path cwd) {
        Objects.requireNonNull(name, "name");
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must name the program to run");
        }
        if (specs.containsKey(name)) {
            throw new IllegalArgumentException("a process named '" + name + "' is monitored already; remove it first");
        }
        specs.put(name, new Spec(List.copyOf(args), env == null ? null : Map.copyOf(env), cwd));
        delays.put(name, minRestartDelay);
        if (isRunning()) {
            startProcess(name);
        }
    }

    /**
     * Stops the named process, as {@link #stopProcess}, and no longer monitors it: it is not restarted,
     * and a pending restart is called off.
     *
     * @param name the process's name
     * @throws NoSuchElementException if no process has that name
     */
    public void removeProcess(String name) {
        stopProcess(name);
        DelayedCall restart = restarts.remove(name);
        if (restart != null && restart.active()) {
            restart.cancel();
        }
        specs.remove(name);
        delays.remove(name);
    }

    /**
     * Starts the named process unless it is running; a pending restart of it is called off.
     *
     * @param name the process's name
     * @throws NoSuchElementException if no process has that name
     */
    public void startProcess(String name) {
        Spec spec = spec(name);
        if (children.containsKey(name)) {
            return;
        }
        DelayedCall restart = restarts.remove(name);
        if (restart != null && restart.active()) {
            restart.cancel();
        }
        Child child = new Child(name, time.seconds());
        children.put(name, child);
        try {
            processes.spawnProcess(child, spec.args().getFirst(), spec.args(), spec.env(), spec.cwd());
        } catch (RuntimeException e) {
            LOG.failure("could not start process {name}", new Failure(e), "name", name);
            ended(child);
        }
    }

    /**
     * Asks the named process to stop with {@code TERM}, and sends it {@code KILL} if it has not ended
     * {@linkplain #killTime() killTime} later. Does nothing if it is not running. While the service runs,
     * the process is then restarted as if it had died by itself.
     *
     * @param name the process's name
     * @throws NoSuchElementException if no process has that name
     */
    public void stopProcess(String name) {
        spec(name);
        Child child = children.get(name);
        if (child == null || child.transport == null) {
            return;
        }
        ProcessTransport transport = child.transport;
        try {
            transport.signalProcess("TERM");
        } catch (ProcessExitedAlready gone) {
            return;
        }
        if (child.murder == null) {
            child.murder = time.callLater(killTime, () -> {
                child.murder = null;
                try {
                    transport.signalProcess("KILL");
                } catch (ProcessExitedAlready gone) {
                    // it ended in the meantime; processEnded is on its way
                }
            });
        }
    }

    /**
     * Stops every process; while the service runs, each is then restarted by the usual rule (at once, if
     * it had run longer than the threshold). For restarting servers after an outside change, such as a new
     * version of a library.
     */
    public void restartAll() {
        for (String name : List.copyOf(specs.keySet())) {
            stopProcess(name);
        }
    }

    /** Returns the names of the monitored processes, in the order they were added. */
    public List<String> processNames() {
        return List.copyOf(specs.keySet());
    }

    /**
     * Returns whether the named process is running (started and not yet ended).
     *
     * @param name the process's name
     * @return true while a child of that name runs
     */
    public boolean isProcessRunning(String name) {
        return children.containsKey(name);
    }

    /**
     * Returns the transport of the named process while it runs, or null.
     *
     * @param name the process's name
     * @return the running child's transport, or null if none runs
     */
    public @Nullable ProcessTransport processTransport(String name) {
        Child child = children.get(name);
        return child == null ? null : child.transport;
    }

    /**
     * Returns the delay, in seconds, that will be waited before restarting the named process if it dies
     * before the threshold.
     *
     * @param name the process's name
     * @return the current restart delay
     * @throws NoSuchElementException if no process has that name
     */
    public double restartDelay(String name) {
        spec(name);
        return delays.get(name);
    }

    // ---- the service ----

    /** Marks the service running and starts every monitored process. */
    @Override
    public void startService() {
        super.startService();
        for (String name : List.copyOf(specs.keySet())) {
            startProcess(name);
        }
    }

    /**
     * Calls off pending restarts and stops every process, with {@code TERM} and later {@code KILL}.
     *
     * @return fires with null once every process that was running (including ones removed but not yet
     *     ended) has ended
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        super.stopService();
        for (DelayedCall restart : List.copyOf(restarts.values())) {
            if (restart.active()) {
                restart.cancel();
            }
        }
        restarts.clear();
        for (String name : List.copyOf(specs.keySet())) {
            stopProcess(name);
        }
        List<Deferred<@Nullable Void>> endings = new ArrayList<>();
        for (Child child : children.values()) {
            endings.add(child.whenEnded());
        }
        if (endings.isEmpty()) {
            return Deferred.succeed(null);
        }
        return DeferredList.of(endings).addCallback(results -> null);
    }

    // ---- what a child's end does ----

    private void ended(Child child) {
        String name = child.name;
        DelayedCall murder = child.murder;
        child.murder = null;
        if (murder != null && murder.active()) {
            murder.cancel();
        }
        children.remove(name, child);
        if (!specs.containsKey(name)) {
            return;
        }
        double nextDelay;
        double delay = delays.get(name);
        if (time.seconds() - child.started < threshold) {
            nextDelay = delay;
            delays.put(name, Math.min(delay * 2, maxRestartDelay));
        } else {
            nextDelay = 0;
            delays.put(name, minRestartDelay);
        }
        if (isRunning() && !children.containsKey(name)) {
            restarts.put(name, time.callLater(nextDelay, () -> {
                restarts.remove(name);
                startProcess(name);
            }));
        }
    }

    private Spec spec(String name) {
        Spec spec = specs.get(Objects.requireNonNull(name, "name"));
        if (spec == null) {
            throw new NoSuchElementException("no process named '" + name + "' is monitored");
        }
        return spec;
    }

    @Override
    public String toString() {
        return "ProcessMonitor" + specs.entrySet().stream()
                .map(e -> "'" + e.getKey() + "': " + e.getValue().args())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** The protocol of one run of a monitored process: logs its output and reports its end. */
    private final class Child extends ProcessProtocol {
        final String name;
        final double started;
        final OutputLines out;
        final OutputLines err;
        final List<Deferred<@Nullable Void>> endWaiters = new ArrayList<>();
        @Nullable ProcessTransport transport;
        @Nullable DelayedCall murder;
        boolean over;

        Child(String name, double started) {
            this.name = name;
            this.started = started;
            this.out = new OutputLines(LOG, name, "stdout");
            this.err = new OutputLines(LOG, name, "stderr");
        }

        @Override
        public void connectionMade() {
            transport = transport();
        }

        @Override
        public void outReceived(ByteBuffer data) {
            out.add(data);
        }

        @Override
        public void errReceived(ByteBuffer data) {
            err.add(data);
        }

        @Override
        public void processEnded(Failure reason) {
            out.flush();
            err.flush();
            LOG.info("process {name} ended: {reason}", "name", name, "reason", reason.getErrorMessage());
            over = true;
            ended(this);
            for (Deferred<@Nullable Void> waiter : List.copyOf(endWaiters)) {
                waiter.callback(null);
            }
            endWaiters.clear();
        }

        Deferred<@Nullable Void> whenEnded() {
            if (over) {
                return Deferred.succeed(null);
            }
            Deferred<@Nullable Void> waiter = new Deferred<>();
            endWaiters.add(waiter);
            return waiter;
        }

        @Override
        public String toString() {
            return "ProcessMonitor.Child[" + name + "]";
        }
    }
}
