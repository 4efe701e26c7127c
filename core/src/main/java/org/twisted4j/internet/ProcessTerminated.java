package org.twisted4j.internet;

import java.util.OptionalInt;

/**
 * The "unclean exit" reason: a child process ended with a non-zero exit code or was killed by a signal, as
 * Twisted's {@code twisted.internet.error.ProcessTerminated}.
 *
 * <p>Exactly one of {@link #exitCode()} and {@link #signal()} is present.
 *
 * <pre>{@code
 * public void processEnded(Failure reason) {
 *     if (reason.value() instanceof ProcessTerminated terminated) {
 *         terminated.exitCode().ifPresent(code -> log.warn("exit code {code}", "code", code));
 *     }
 * }
 * }</pre>
 *
 * <h2>Signals and exit codes</h2>
 * The JDK does not tell a signal death apart from an exit: on POSIX systems it reports a child killed by
 * signal {@code N} as exit value {@code 128 + N}, the shell's convention. This reason reports a signal only
 * when the exit value is {@code 128 + N} and signal {@code N} was sent to the child through
 * {@link ProcessTransport#signalProcess}; otherwise it reports the exit value as the exit code. So a child
 * killed by someone else's signal shows, for example, exit code 137 for {@code SIGKILL}, and a child that
 * called {@code exit(143)} after being sent {@code TERM} shows signal 15. {@link #exitValue()} always gives
 * what the JDK reported.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ProcessTerminated extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    private final int exitValue;
    private final boolean bySignal;

    private ProcessTerminated(String message, int exitValue, boolean bySignal) {
        super(message);
        this.exitValue = exitValue;
        this.bySignal = bySignal;
    }

    /**
     * Returns the reason for a child that exited with {@code exitCode}.
     *
     * @param exitCode the exit code, not 0
     * @return the reason
     * @throws IllegalArgumentException if {@code exitCode} is 0, which is a {@link ProcessDone}
     */
    public static ProcessTerminated exited(int exitCode) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("exit code 0 is a ProcessDone, not a ProcessTerminated");
        }
        return new ProcessTerminated("the process ended with exit code " + exitCode, exitCode, false);
    }

    /**
     * Returns the reason for a child killed by signal number {@code signal}.
     *
     * @param signal the signal number, 1 to 127
     * @return the reason
     * @throws IllegalArgumentException if {@code signal} is outside 1 to 127
     */
    public static ProcessTerminated killed(int signal) {
        if (signal < 1 || signal > 127) {
            throw new IllegalArgumentException("signal must be 1 to 127, not " + signal);
        }
        return new ProcessTerminated("the process was ended by signal " + signal, 128 + signal, true);
    }

    /** Returns the exit code, or nothing if the child was killed by a signal. */
    public OptionalInt exitCode() {
        return bySignal ? OptionalInt.empty() : OptionalInt.of(exitValue);
    }

    /** Returns the number of the signal that killed the child, or nothing if it exited. */
    public OptionalInt signal() {
        return bySignal ? OptionalInt.of(exitValue - 128) : OptionalInt.empty();
    }

    /** Returns the exit value as the JDK reported it: {@code 128 + N} for a child killed by signal N. */
    public int exitValue() {
        return exitValue;
    }
}
