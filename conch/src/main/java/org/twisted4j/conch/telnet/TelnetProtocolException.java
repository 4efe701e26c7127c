package org.twisted4j.conch.telnet;

import java.io.Serial;

/**
 * Bad Telnet input: the one error {@link TelnetParser#parse} throws (a subnegotiation longer than the limit, or
 * one that does not end with {@code IAC SE}). The connection that sent it is closed.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class TelnetProtocolException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception saying what was wrong. */
    public TelnetProtocolException(String message) {
        super(message);
    }
}
