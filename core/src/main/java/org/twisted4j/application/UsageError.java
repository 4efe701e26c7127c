package org.twisted4j.application;

import java.io.Serial;

/**
 * A command line that does not fit its {@link Options}: an unknown option, a missing value, a value of the
 * wrong kind, a missing required option, or an argument where none is expected. The message names the
 * option and is meant to be shown to the user as it is, e.g. {@code unknown option --prot} or
 * {@code --port: 'abc' is not a number}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class UsageError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong with the command line, naming the option
     */
    public UsageError(String message) {
        super(message);
    }
}
