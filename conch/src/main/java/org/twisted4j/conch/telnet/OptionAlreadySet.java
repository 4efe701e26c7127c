package org.twisted4j.conch.telnet;

import java.io.Serial;

/**
 * An option was asked for in the state it already has (Twisted's {@code AlreadyEnabled} and
 * {@code AlreadyDisabled}): nothing was sent.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class OptionAlreadySet extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int option;
    private final boolean enabled;

    /** An exception for {@code option}, which is already {@code enabled} (or already disabled). */
    public OptionAlreadySet(int option, boolean enabled) {
        super(TelnetCodes.optionName(option) + " is already " + (enabled ? "enabled" : "disabled"));
        this.option = option;
        this.enabled = enabled;
    }

    /** The option's code. */
    public int option() {
        return option;
    }

    /** Whether the option is enabled (else it is disabled). */
    public boolean enabled() {
        return enabled;
    }
}
