package org.twisted4j.twist;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.ApplicationFactory;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorBackend;

/**
 * The classic {@code twistd} daemon runner: runs a plugin's service, or the application a class builds, with a
 * pidfile and a log file, detached from the terminal unless told {@code -n}.
 *
 * <pre>
 * twistd [-n] [--pidfile twistd.pid] [-l twistd.log | --syslog [--prefix TAG]] [--umask 077] [-u USER] [-g GROUP]
 *        [--euid] [-d DIR] [--chroot DIR] [--reactor NAME] [--reactors N] PLUGIN [options]
 * twistd [options] -y com.example.MyApplicationFactory
 * </pre>
 *
 * <h2>Daemons without fork</h2>
 * A JVM cannot fork, so without {@code -n} this command starts a second JVM, the daemon, through
 * {@code /bin/sh -c 'umask MODE; exec setsid java ...'}: {@code setsid} puts it in a new session with no
 * controlling terminal, its standard input is {@code /dev/null}, and its standard output and error are a pipe
 * to the first JVM. The daemon writes the pidfile, starts the service and reports {@code started} (or why it
 * failed) on that pipe, then closes the pipe and logs only to its log file. The first JVM waits for that
 * report and exits 0, or prints the reason and exits 1. {@code --umask} is applied by that shell, since Java
 * cannot set a process's umask. The daemon keeps the working directory it was started in.
 *
 * <h2>Privileged start</h2>
 * With {@code -u/--uid} and/or {@code -g/--gid}, the service's privileged start (binding its ports, which
 * may be below 1024 when run as root) runs first; then the process switches to that user and group
 * ({@link Privileges}: supplementary groups, group, user; effective ids only with {@code --euid}) before the
 * rest of the service starts. A switch that fails stops twistd with status 1.
 *
 * <h2>Run directory and root</h2>
 * {@code -d/--rundir DIR} runs twistd in {@code DIR}: the process replaces itself with the same JVM started
 * there, so every relative path of the command line (log file, pidfile, a plugin's paths) is resolved in
 * {@code DIR}. {@code --chroot DIR} makes {@code DIR} the process's root once the service is built and the log
 * file open, before the pidfile is written and the ports bound; the run directory is then inside it
 * ({@code /} by default). It needs root. See {@link RunDirectory}.
 *
 * <h2>Pidfile</h2>
 * {@code --pidfile} (default {@code twistd.pid}; empty for none) holds the daemon's process id. A pidfile
 * naming a live process makes twistd refuse to start (status 1, naming the file and the pid); a stale one is
 * replaced; the daemon removes it when it stops (SIGTERM or SIGINT stop it cleanly).
 *
 * <h2>Exit status</h2>
 * 0 once the daemon has started (or, with {@code -n}, after a clean stop); 1 if it could not start; 2 for a
 * command line that does not fit.
 *
 * <h2>Threading</h2>
 * {@link #run} runs on the calling thread; with {@code -n} that thread runs the reactor.
 */
public final class Twistd {

    /** Set in the daemon's environment, so that it runs the service rather than starting another daemon. */
    static final String CHILD_ENV = "TWISTED4J_TWISTD_DAEMON";

    /** The daemon's report that it has started. */
    static final String STARTED = "twistd-daemon: started";

    /** The start of the daemon's report that it could not start; the reason follows. */
    static final String FAILED = "twistd-daemon: failed: ";

    private Twistd() {
    }

    /**
     * Runs the command and exits the JVM with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Returns the spec of {@code twistd}'s own options. */
    static Options options() {
        Options options = new Options("twistd [options] (PLUGIN [plugin options] | -y CLASS)")
                .description("Runs a plugin's service, or an application, as a daemon with a pidfile and a log file.")
                .add(Option.flag("nodaemon").shortName('n').help("Stay in the foreground; log to standard output."))
                .add(Option.value("pidfile").defaultValue("twistd.pid").metavar("FILE")
                        .help("Where to write the process id (empty for no pidfile)."))
                .add(Option.value("logfile").shortName('l').metavar("FILE")
                        .help("Where to write the log ('-' for standard output); twistd.log for a daemon,"
                                + " standard output with -n."))
                .add(Option.value("umask").metavar("MODE").converter(Option.OCTAL, "an octal number")
                        .help("The umask of the daemon, in octal (e.g. 077)."))
                .add(Option.value("uid").shortName('u').metavar("USER")
                        .help("Once the ports are bound, switch to this user (name or number) and its groups."))
                .add(Option.value("gid").shortName('g').metavar("GROUP")
                        .help("Once the ports are bound, switch to this group (default: the --uid user's)."))
                .add(Option.flag("euid").help("Switch only the effective user and group ids."))
                .add(Option.value("rundir").shortName('d').defaultValue(".").metavar("DIR")
                        .help("Change to this directory before running; relative paths are resolved in it."))
                .add(Option.value("chroot").metavar("DIR")
                        .help("Chroot to this directory (as root) once the service is built and the log open,"
                                + " before the pidfile is written and the ports bound."))
                .add(Option.flag("syslog").help("Log to the local syslog daemon rather than to a file."))
                .add(Option.value("prefix").defaultValue(SyslogObserver.DEFAULT_PREFIX).metavar("TAG")
                        .help("The tag of the syslog messages (with --syslog)."))
                .add(Option.value("syslog-socket").defaultValue(SyslogObserver.DEFAULT_SOCKET).metavar("PATH")
                        .help("The syslog daemon's datagram socket (with --syslog)."))
                .add(Option.value("application").shortName('y').metavar("CLASS")
                        .help("Run the application built by this ApplicationFactory class instead of a plugin."));
        return ReactorCount.addOption(LogSettings.addCommonOptions(options)).arguments("PLUGIN [plugin options]", true);
    }

    /**
     * Runs the command; in the daemon JVM (marked by its environment), runs the service and reports to its
     * parent.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit status: 0, 1 if the service could not start, 2 for a bad command line
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, "1".equals(System.getenv(CHILD_ENV)));
    }

    static int run(List<String> args, PrintStream out, PrintStream err, boolean daemon) {
        Plugins plugins = Plugins.load();
        ParsedOptions options;
        Target target;
        Privileges privileges;
        try {
            options = options().parse(args);
            if (options.helpRequested() && options.arguments().isEmpty()) {
                out.print(options().help() + plugins.help());
                out.flush();
                return 0;
            }
            String moveFailed = moveToRunDirectory(options, args, daemon);
            if (moveFailed != null) {
                err.println("twistd: " + moveFailed);
                return 1;
            }
            Target chosen = Target.choose(options, plugins, out);
            if (chosen == null) {
                return 0;
            }
            target = chosen;
            privileges = Privileges.resolve(options.string("uid"), options.string("gid"), options.flag("euid"));
            if (privileges != null && ReactorCount.from(options) > 1) {
                throw new UsageError("-u/--uid and -g/--gid need a single reactor; --reactors is "
                        + ReactorCount.from(options));
            }
            checkSyslog(options);
        } catch (UsageError e) {
            return Twist.usageError(err, "twistd", e.getMessage());
        } catch (PluginCommand.PluginUsageError e) {
            return Twist.usageError(err, "twistd " + e.plugin, e.getMessage());
        }
        String pidName = options.string("pidfile");
        String root = options.string("chroot");
        PidFile pidFile = pidName == null || pidName.isEmpty() ? null
                : new PidFile(root == null ? Path.of(pidName) : insideRoot(options).resolve(pidName));
        if (!daemon && !options.flag("nodaemon")) {
            PidFile seenFromHere = pidFile == null || root == null ? pidFile
                    : new PidFile(Path.of(root, pidFile.path().toString()));
            return Daemon.start(args, seenFromHere, options.get("umask", Integer.class), err);
        }
        return serve(options, target, pidFile, privileges, out, err, daemon);
    }

    /**
     * Moves this JVM to {@code --rundir} (without {@code --chroot}, where the run directory is inside the new
     * root): returns only if it is already there or the move failed, with the reason then.
     */
    private static @Nullable String moveToRunDirectory(ParsedOptions options, List<String> args, boolean daemon) {
        String rundir = options.string("rundir");
        if (daemon || options.string("chroot") != null || rundir == null || rundir.equals(".")
                || RunDirectory.moved()) {
            return null;
        }
        return RunDirectory.moveTo(Path.of(rundir), args, Twistd.class);
    }

    /** Returns the run directory inside {@code --chroot}'s root: {@code /}, or {@code --rundir} from there. */
    private static Path insideRoot(ParsedOptions options) {
        String rundir = options.string("rundir");
        return Path.of("/").resolve(rundir == null || rundir.equals(".") ? "/" : rundir);
    }

    /** Refuses {@code --syslog} with a log file, and a syslog socket path that cannot be one. */
    private static void checkSyslog(ParsedOptions options) throws UsageError {
        if (!options.flag("syslog")) {
            return;
        }
        if (options.isGiven("logfile")) {
            throw new UsageError("--syslog and --logfile both given; choose one");
        }
        try {
            UnixDatagram.address(options.string("syslog-socket"));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--syslog-socket: " + e.getMessage());
        }
    }

    private static int serve(ParsedOptions options, Target target, @Nullable PidFile pidFile,
            @Nullable Privileges privileges, PrintStream out, PrintStream err, boolean daemon) {
        Report report = new Report(daemon ? out : null, err);
        LogSettings logs = LogSettings.from(options, "logfile", daemon ? "twistd.log" : null);
        if (options.flag("syslog")) {
            logs = logs.toSyslog(options.string("prefix"), options.string("syslog-socket"));
        }
        PrintStream logOut;
        try {
            // a daemon's standard output is the pipe to its parent, closed once it has reported
            logOut = logs.open(daemon ? new PrintStream(OutputStream.nullOutputStream()) : out);
        } catch (IOException e) {
            return report.fail("cannot open the log file " + logs.file() + ": " + Runner.reason(e));
        }
        if (daemon) {
            System.setOut(logOut);
            System.setErr(logOut);
        }
        logs.begin(logOut);
        Runner runner;
        try {
            runner = new Runner(options.string("reactor"), ReactorCount.from(options));
        } catch (IllegalArgumentException e) {
            return report.fail(e.getMessage());
        }
        List<Service> services = new ArrayList<>();
        try {
            for (ReactorBackend reactor : runner.reactors()) {
                services.add(target.build(reactor));
            }
        } catch (UsageError e) {
            if (!daemon) {
                return Twist.usageError(err, "twistd " + target.name(), e.getMessage());
            }
            return report.fail(target.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return report.fail(target.name() + " could not be set up: " + Runner.reason(e));
        }
        String root = options.string("chroot");
        if (root != null) {
            try {
                if (pidFile != null) {
                    // seen from outside, where /proc tells whether its pid lives (the new root may have no /proc)
                    new PidFile(Path.of(root, pidFile.path().toString())).check();
                }
                RunDirectory.chroot(Path.of(root), insideRoot(options).toString());
            } catch (PidFile.InUse | IllegalStateException e) {
                return report.fail(e.getMessage());
            }
        }
        if (pidFile != null) {
            try {
                pidFile.write();
            } catch (PidFile.InUse e) {
                return report.fail(e.getMessage());
            } catch (IOException e) {
                return report.fail("cannot write pidfile " + pidFile.path() + ": " + Runner.reason(e));
            }
            runner.atExit(pidFile::remove);
        }
        return runner.run(target.name(), services, report, privileges);
    }

    /** What twistd runs: a plugin, or an application factory's application. */
    private record Target(String name, @Nullable PluginCommand plugin, @Nullable ApplicationFactory factory) {

        static @Nullable Target choose(ParsedOptions options, Plugins plugins, PrintStream out) {
            String className = options.string("application");
            if (className == null) {
                PluginCommand command = PluginCommand.parse("twistd", options.arguments(), plugins, out);
                return command == null ? null : new Target(command.maker().tapname(), command, null);
            }
            if (!options.arguments().isEmpty()) {
                throw new UsageError("-y/--application and a plugin ('" + options.arguments().get(0)
                        + "') cannot both be given");
            }
            return new Target(className, null, loadFactory(className));
        }

        Service build(ReactorBackend reactor) {
            if (plugin != null) {
                return plugin.maker().makeService(reactor, plugin.options());
            }
            if (!(reactor instanceof NioReactor nio)) {
                throw new UsageError("--application runs on the nio reactor only, not " + reactor.backendName());
            }
            return java.util.Objects.requireNonNull(factory).application(nio);
        }

        private static ApplicationFactory loadFactory(String className) {
            Class<?> type;
            try {
                type = Class.forName(className, true, Twistd.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new UsageError("--application: no class '" + className + "' on the class path");
            }
            if (!ApplicationFactory.class.isAssignableFrom(type)) {
                throw new UsageError("--application: " + className + " does not implement "
                        + ApplicationFactory.class.getName());
            }
            try {
                return (ApplicationFactory) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new UsageError("--application: cannot create " + className
                        + " (it needs a public no-argument constructor): " + Runner.reason(e));
            }
        }
    }

    /**
     * Tells how starting went: in the daemon, on the pipe to the parent (then closes it); in the foreground,
     * on standard error when it failed.
     */
    private static final class Report implements Runner.StartListener {
        private @Nullable PrintStream pipe;
        private final PrintStream err;

        Report(@Nullable PrintStream pipe, PrintStream err) {
            this.pipe = pipe;
            this.err = err;
        }

        @Override
        public void started() {
            send(STARTED);
        }

        @Override
        public void failed(String reason) {
            if (pipe == null) {
                err.println("twistd: " + reason);
                err.flush();
            }
            send(FAILED + reason);
        }

        /** Reports a failure before the reactor ran and returns the exit status for it, 1. */
        int fail(String reason) {
            failed(reason);
            return 1;
        }

        private void send(String line) {
            PrintStream to = pipe;
            if (to == null) {
                return;
            }
            pipe = null;
            to.println(line);
            to.flush();
            to.close();
            try {
                new FileOutputStream(FileDescriptor.err).close();
            } catch (IOException e) {
                // nothing more can be said to the parent
            }
        }
    }
}
