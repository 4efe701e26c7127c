package org.twisted4j.internet;

/**
 * A signal was sent to a child process that has already exited, as Twisted's
 * {@code twisted.internet.error.ProcessExitedAlready}. Thrown by {@link ProcessTransport#signalProcess}.
 *
 * <pre>{@code
 * try {
 *     transport.signalProcess("TERM");
 * } catch (ProcessExitedAlready gone) {
 *     // nothing to stop; processEnded is on its way
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ProcessExitedAlready extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param pid the process id of the child that has exited
     */
    public ProcessExitedAlready(long pid) {
        super("process " + pid + " has exited already");
    }
}
