package org.twisted4j.twist;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.ReactorBackend;

/**
 * The {@code twist} command, as Twisted's: runs one plugin's service in the foreground until SIGINT or
 * SIGTERM, logging to standard output or a file.
 *
 * <pre>
 * twist [--log-file F] [--log-format text|json] [--log-level L] [--reactor nio] [--reactors N] PLUGIN [plugin options]
 * twist --help               lists the options and the plugins
 * twist PLUGIN --help        lists a plugin's options with their defaults
 * </pre>
 *
 * <h2>Several reactors</h2>
 * {@code --reactors N} builds the plugin's service once per reactor of a {@link
 * org.twisted4j.internet.ReactorGroup} and runs each copy on its own reactor thread; their TCP ports are shared
 * ({@link ReactorCount}).
 *
 * <h2>Exit status</h2>
 * 0 after a clean stop or after help; 1 if the service could not start (a port in use, say: one log line
 * says why); 2 for a command line that does not fit, with one line on standard error naming the option.
 *
 * <h2>Threading</h2>
 * {@link #run} runs the reactor on the calling thread and returns when it stops.
 */
public final class Twist {

    private Twist() {
    }

    /**
     * Runs the command and exits the JVM with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Returns the spec of {@code twist}'s own options (those before the plugin's name). */
    static Options options() {
        Options options = new Options("twist [options] PLUGIN [plugin options]")
                .description("Runs a plugin's service in the foreground until interrupted.")
                .add(Option.value("log-file").metavar("FILE")
                        .help("Where to write the log ('-' for standard output).").defaultValue("-"));
        return ReactorCount.addOption(LogSettings.addCommonOptions(options)).arguments("PLUGIN [plugin options]", true);
    }

    /**
     * Runs the command: parses {@code args}, prints help or a usage error, or runs the chosen plugin's
     * service until the reactor stops.
     *
     * @param args the command line
     * @param out standard output (help, and the log unless {@code --log-file} is given)
     * @param err standard error (usage errors)
     * @return the exit status: 0, 1 if the service could not start, 2 for a bad command line
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Plugins plugins = Plugins.load();
        ParsedOptions options;
        PluginCommand command;
        try {
            options = options().parse(args);
            if (options.helpRequested() && options.arguments().isEmpty()) {
                out.print(options().help() + plugins.help());
                out.flush();
                return 0;
            }
            command = PluginCommand.parse("twist", options.arguments(), plugins, out);
        } catch (UsageError e) {
            return usageError(err, "twist", e.getMessage());
        } catch (PluginCommand.PluginUsageError e) {
            return usageError(err, "twist " + e.plugin, e.getMessage());
        }
        if (command == null) {
            return 0;
        }
        LogSettings logs = LogSettings.from(options, "log-file", null);
        PrintStream logOut;
        try {
            logOut = logs.open(out);
        } catch (IOException e) {
            err.println("twist: cannot open the log file " + logs.file() + ": " + Runner.reason(e));
            return 1;
        }
        logs.begin(logOut);
        Runner runner;
        try {
            runner = new Runner(options.string("reactor"), ReactorCount.from(options));
        } catch (IllegalArgumentException e) {
            return usageError(err, "twist", e.getMessage());
        }
        List<Service> services = new ArrayList<>();
        try {
            for (ReactorBackend reactor : runner.reactors()) {
                services.add(command.maker().makeService(reactor, command.options()));
            }
        } catch (UsageError e) {
            return usageError(err, "twist " + command.maker().tapname(), e.getMessage());
        } catch (RuntimeException e) {
            err.println("twist: " + command.maker().tapname() + " could not be set up: " + Runner.reason(e));
            return 1;
        }
        return runner.run(command.maker().tapname(), services, Runner.IGNORE, null);
    }

    /** Prints one line for a usage error and returns the status for it, 2. */
    static int usageError(PrintStream err, String program, @Nullable String message) {
        err.println(program + ": " + message + " (see '" + program + " --help')");
        err.flush();
        return 2;
    }
}
