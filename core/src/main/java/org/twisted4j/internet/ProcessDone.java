package org.twisted4j.internet;

/**
 * The "clean exit" reason: a child process ended with exit code 0, as Twisted's
 * {@code twisted.internet.error.ProcessDone}.
 *
 * <p>{@link ProcessProtocol#processExited} and {@link ProcessProtocol#processEnded} receive a
 * {@link org.twisted4j.defer.Failure} wrapping this when the child exited normally with status 0. Any
 * other end is a {@link ProcessTerminated}. Trap {@link ConnectionClosed} to treat both alike.
 *
 * <pre>{@code
 * public void processEnded(Failure reason) {
 *     if (reason.check(ProcessDone.class) == null) {
 *         log.warn("child failed: {why}", "why", reason.getErrorMessage());
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 *
 * @apiNote Twisted's {@code ProcessDone} is a kind of {@code ConnectionDone}; here {@link ConnectionDone}
 *     is final, so this extends {@link ConnectionClosed}, the parent of both.
 */
public final class ProcessDone extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    /** Creates the reason with a standard message. */
    public ProcessDone() {
        super("the process finished with exit code 0");
    }

    /** Returns the child's exit code, which is always 0. */
    public int exitCode() {
        return 0;
    }
}
