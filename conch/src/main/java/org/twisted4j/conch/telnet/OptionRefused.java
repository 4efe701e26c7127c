package org.twisted4j.conch.telnet;

import java.io.Serial;

/**
 * The peer refused to enable (or to leave enabled) an option this end asked for, or the connection ended before
 * it answered: how the Deferreds of {@link Telnet#will}, {@link Telnet#doOption} and the others fail.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class OptionRefused extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int option;

    /** An exception for {@code option}, saying why. */
    public OptionRefused(int option, String message) {
        super(TelnetCodes.optionName(option) + ": " + message);
        this.option = option;
    }

    /** The option's code. */
    public int option() {
        return option;
    }
}
