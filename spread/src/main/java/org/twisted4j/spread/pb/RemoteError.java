package org.twisted4j.spread.pb;

import org.jspecify.annotations.Nullable;

/**
 * An exception raised by the peer's code, as it arrived here: the remote type name (for a Python peer, the
 * full import path such as {@code builtins.ValueError}), its message and, when the peer sends tracebacks,
 * its traceback. Twisted's {@code pb.RemoteError} / {@code CopiedFailure}.
 *
 * <p>{@link #getMessage()} is the remote value's text alone; {@link #toString()} adds the type.
 */
public final class RemoteError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final @Nullable String remoteTraceback;

    /**
     * Creates the error.
     *
     * @param remoteType the remote exception's type name
     * @param message the remote exception's text
     * @param remoteTraceback the remote traceback, or {@code null} when the peer sent none
     */
    public RemoteError(String remoteType, String message, @Nullable String remoteTraceback) {
        super(message);
        this.remoteType = remoteType;
        this.remoteTraceback = remoteTraceback;
    }

    /**
     * The remote exception's type name.
     *
     * @return for example {@code builtins.ValueError} or {@code org.twisted4j.spread.pb.PBError}
     */
    public String remoteType() {
        return remoteType;
    }

    /**
     * The traceback the peer sent: {@code "Traceback unavailable\n"} unless the peer's factory has
     * {@code unsafeTracebacks} on.
     *
     * @return the traceback text, or {@code null} if none came
     */
    public @Nullable String remoteTraceback() {
        return remoteTraceback;
    }

    @Override
    public String toString() {
        return "RemoteError[" + remoteType + ": " + getMessage() + "]";
    }
}
