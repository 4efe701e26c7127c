package org.twisted4j.twist;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.UsageError;
import org.twisted4j.application.ValueConverter;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.runner.ProcessMonitor;

/**
 * The {@code procmon} plugin, as Twisted's: runs one command line under a {@link ProcessMonitor}, which
 * restarts it whenever it dies.
 *
 * <pre>
 * twist procmon --threshold 2 --maxrestartdelay 60 /usr/bin/worker --queue jobs
 * </pre>
 * Everything from the first argument on is the command; the process is named after the whole command line.
 * As in Twisted, the command runs with an empty environment.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class ProcmonPlugin implements ServiceMaker {
    private static final ValueConverter<Double> SECONDS = text -> {
        double seconds = Double.parseDouble(text);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("'" + text + "' is not a number of seconds >= 0");
        }
        return seconds;
    };

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public ProcmonPlugin() {
    }

    @Override
    public String tapname() {
        return "procmon";
    }

    @Override
    public String description() {
        return "A process watchdog / supervisor.";
    }

    @Override
    public Options options() {
        return new Options("procmon [procmon options] commandline")
                .description("Runs the command line, and starts it again whenever it dies. A process that dies "
                        + "within --threshold seconds is restarted after a delay that starts at --minrestartdelay "
                        + "and doubles with each quick death up to --maxrestartdelay; a longer run resets it.")
                .arguments("COMMAND [ARG...]", true)
                .add(seconds("threshold", 't', ProcessMonitor.DEFAULT_THRESHOLD,
                        "How long a process has to live before the death is considered instant, in seconds."))
                .add(seconds("killtime", 'k', ProcessMonitor.DEFAULT_KILL_TIME,
                        "How long a process being killed has to get its affairs in order before it gets "
                                + "killed with an unmaskable signal."))
                .add(seconds("minrestartdelay", 'm', ProcessMonitor.DEFAULT_MIN_RESTART_DELAY,
                        "The minimum time (in seconds) to wait before attempting to restart a process."))
                .add(seconds("maxrestartdelay", 'M', ProcessMonitor.DEFAULT_MAX_RESTART_DELAY,
                        "The maximum time (in seconds) to wait before attempting to restart a process."));
    }

    private static Option seconds(String name, char shortName, double defaultSeconds, String help) {
        String text = defaultSeconds == Math.rint(defaultSeconds)
                ? Long.toString((long) defaultSeconds) : Double.toString(defaultSeconds);
        return Option.value(name).shortName(shortName).defaultValue(text).metavar("SECONDS").help(help)
                .converter(SECONDS, "a number of seconds");
    }

    /**
     * Builds the monitor of the command line.
     *
     * @throws UsageError if no command line is given, or the reactor cannot run processes
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        List<String> command = options.arguments();
        if (command.isEmpty()) {
            throw new UsageError("Please specify a process commandline");
        }
        if (!(reactor instanceof ReactorProcess processes) || !(reactor instanceof ReactorTime time)) {
            throw new UsageError("procmon needs a reactor that runs processes and keeps time");
        }
        ProcessMonitor monitor = new ProcessMonitor(processes, time);
        monitor.setThreshold(secondsOf(options, "threshold"));
        monitor.setKillTime(secondsOf(options, "killtime"));
        monitor.setMinRestartDelay(secondsOf(options, "minrestartdelay"));
        monitor.setMaxRestartDelay(secondsOf(options, "maxrestartdelay"));
        monitor.addProcess(String.join(" ", command), command, Map.of(), null);
        return monitor;
    }

    private static double secondsOf(ParsedOptions options, String name) {
        return Objects.requireNonNull(options.get(name, Double.class), name);
    }
}
