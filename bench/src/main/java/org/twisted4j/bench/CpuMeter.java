package org.twisted4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads how much CPU time a process, or the whole machine, has used so far, from Linux's
 * {@code /proc/PID/stat} and {@code /proc/stat}, so a load run can tell which side was saturated (a server
 * near 1.0, one core busy, with a load generator well below it means the server is what was measured) and
 * whether other processes took CPU time during the run.
 *
 * <p>Threading: any thread; stateless.
 */
final class CpuMeter {

    /** Clock ticks per second in {@code /proc/PID/stat}: USER_HZ, which is 100 on Linux's common builds. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {
    }

    /**
     * Returns the user plus system CPU seconds process {@code pid} has used, or -1 when they cannot be read
     * (no such process, or not Linux).
     *
     * @param pid the process id; 0 or less means "not known" and gives -1
     * @return CPU seconds, or -1
     */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Returns the CPU seconds the whole machine has spent busy so far (all cores, all processes, kernel
     * included; idle and I/O wait excluded), or -1 when they cannot be read (not Linux).
     *
     * @return busy CPU seconds since boot, or -1
     */
    static double machineBusySeconds() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split(" +");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                    + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Returns the share of one core a process used between two readings, or -1 if either is missing.
     *
     * @param before CPU seconds at the start, from {@link #cpuSeconds}
     * @param after CPU seconds at the end
     * @param wallSeconds the time between the two readings
     * @return used CPU seconds per wall second (1.0 is one core busy throughout), or -1
     */
    static double utilisation(double before, double after, double wallSeconds) {
        return before < 0 || after < 0 || wallSeconds <= 0 ? -1 : (after - before) / wallSeconds;
    }
}
