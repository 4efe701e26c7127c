package org.twisted4j.twist;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parent side of daemonizing: starts the daemon JVM and waits for its report. */
final class Daemon {

    private Daemon() {
    }

    /**
     * Starts the daemon with the same command line and waits until it reports.
     *
     * @return 0 if it started, 1 if it did not (the reason is printed on {@code err})
     */
    static int start(List<String> args, @Nullable PidFile pidFile, @Nullable Integer umask, PrintStream err) {
        if (pidFile != null) {
            try {
                pidFile.check();
            } catch (PidFile.InUse e) {
                err.println("twistd: " + e.getMessage());
                return 1;
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command(args, umask))
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true);
        builder.environment().put(Twistd.CHILD_ENV, "1");
        Process daemon;
        try {
            daemon = builder.start();
        } catch (IOException e) {
            err.println("twistd: cannot start the daemon: " + Runner.reason(e));
            return 1;
        }
        try (BufferedReader reports = new BufferedReader(
                new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reports.readLine()) != null) {
                if (line.equals(Twistd.STARTED)) {
                    return 0;
                }
                if (line.startsWith(Twistd.FAILED)) {
                    err.println("twistd: " + line.substring(Twistd.FAILED.length()));
                    return 1;
                }
                err.println(line);
            }
            int status = daemon.waitFor();
            err.println("twistd: the daemon exited (status " + status + ") before it started");
            return 1;
        } catch (IOException e) {
            err.println("twistd: lost the daemon's report: " + Runner.reason(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Returns the command that starts the daemon: a shell that sets the umask and execs this JVM's java
     * through {@code setsid}, with this JVM's class or module path and {@code args}.
     */
    static List<String> command(List<String> args, @Nullable Integer umask) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "if [ \"$1\" != - ]; then umask \"$1\" || exit 1; fi; shift; "
                        + "if command -v setsid >/dev/null 2>&1; then exec setsid \"$@\"; fi; exec \"$@\"",
                "twistd", umask == null ? "-" : String.format("%04o", umask)));
        command.addAll(RunDirectory.javaCommand(args, Twistd.class, false));
        return command;
    }
}
