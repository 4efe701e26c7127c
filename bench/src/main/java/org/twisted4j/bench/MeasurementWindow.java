package org.twisted4j.bench;

import java.util.concurrent.TimeUnit;

/**
 * The clock of one load scenario: warm up, then measure for a fixed time, then stop sending and wait a
 * bounded time for the last echoes. At each edge of the measured span it notes a progress counter (messages
 * or bytes echoed) and the CPU time of the load generator, of the server and of the whole machine, so the
 * rate and the CPU shares cover exactly the same span.
 *
 * <p>Threading: the load thread only.
 */
final class MeasurementWindow {

    private static final long SELF_PID = ProcessHandle.current().pid();

    private final long serverPid;
    private final long warmEnd;
    private final long measureEnd;
    private final long drainEnd;
    private boolean opened;
    private boolean closed;
    private long openedAt;
    private long closedAt;
    private long countAtOpen;
    private long countAtClose;
    private double serverCpuAtOpen;
    private double serverCpuAtClose;
    private double selfCpuAtOpen;
    private double selfCpuAtClose;
    private double machineAtOpen;
    private double machineAtClose;

    /**
     * Starts the clock now.
     *
     * @param options the warm-up and measured durations, and the server's process id (0 if unknown)
     */
    MeasurementWindow(LoadOptions options) {
        long start = System.nanoTime();
        serverPid = options.serverPid();
        warmEnd = start + nanos(options.warmupSeconds());
        measureEnd = warmEnd + nanos(options.durationSeconds());
        drainEnd = measureEnd + nanos(LoadOptions.DRAIN_SECONDS);
    }

    /**
     * Opens or closes the measured span if its time has come, noting {@code count} at that edge.
     *
     * @param now {@link System#nanoTime()}
     * @param count the progress counter so far
     */
    void tick(long now, long count) {
        if (!opened && now >= warmEnd) {
            opened = true;
            openedAt = now;
            countAtOpen = count;
            serverCpuAtOpen = CpuMeter.cpuSeconds(serverPid);
            selfCpuAtOpen = CpuMeter.cpuSeconds(SELF_PID);
            machineAtOpen = CpuMeter.machineBusySeconds();
        }
        if (opened && !closed && now >= measureEnd) {
            closed = true;
            closedAt = now;
            countAtClose = count;
            serverCpuAtClose = CpuMeter.cpuSeconds(serverPid);
            selfCpuAtClose = CpuMeter.cpuSeconds(SELF_PID);
            machineAtClose = CpuMeter.machineBusySeconds();
        }
    }

    /** Returns whether new load may still be sent (the measured span has not closed). */
    boolean sending() {
        return !closed;
    }

    /** Returns whether the measured span is open now. */
    boolean measuring() {
        return opened && !closed;
    }

    /**
     * Returns whether the time allowed for the last echoes has run out.
     *
     * @param now {@link System#nanoTime()}
     */
    boolean drainExpired(long now) {
        return now >= drainEnd;
    }

    /**
     * Returns how long a select may block before the next edge, at least 1 ms.
     *
     * @param now {@link System#nanoTime()}
     */
    long selectTimeoutMillis(long now) {
        long next = !opened ? warmEnd : !closed ? measureEnd : drainEnd;
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now));
    }

    /** Returns the measured span in seconds. */
    double seconds() {
        return (closedAt - openedAt) / 1e9;
    }

    /** Returns how far the counter moved during the measured span. */
    long count() {
        return countAtClose - countAtOpen;
    }

    /** Returns the counter's rate per second over the measured span. */
    double rate() {
        return count() / seconds();
    }

    /**
     * Adds the rate, the span's length, the CPU shares of the server, the load generator and every other
     * process together ({@code others_cpu}, in cores; -1 where unknown), and the work done per CPU second
     * the server used ({@code per_server_cpu_second}, -1 if the server's CPU time is unknown) to a result. The last stays
     * meaningful when the server did not have its core to itself, or was not the bottleneck.
     *
     * @param result the result to add to
     * @param unit the rate's unit, e.g. {@code msg/s}
     * @return {@code result}
     */
    ScenarioResult addTo(ScenarioResult result, String unit) {
        double serverCpu = CpuMeter.utilisation(serverCpuAtOpen, serverCpuAtClose, seconds());
        double loadCpu = CpuMeter.utilisation(selfCpuAtOpen, selfCpuAtClose, seconds());
        double machine = CpuMeter.utilisation(machineAtOpen, machineAtClose, seconds());
        double others = serverCpu < 0 || loadCpu < 0 || machine < 0 ? -1 : Math.max(0, machine - serverCpu - loadCpu);
        return result.put("rate", rate()).put("unit", unit).put("seconds", seconds())
                .put("server_cpu", serverCpu).put("load_cpu", loadCpu).put("others_cpu", others)
                .put("per_server_cpu_second", serverCpu > 0 ? count() / (serverCpu * seconds()) : -1.0);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }
}
