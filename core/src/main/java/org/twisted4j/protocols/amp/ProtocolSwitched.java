package org.twisted4j.protocols.amp;

/**
 * AMP traffic on a connection that has switched to another protocol, or is waiting for the answer that switches
 * it, as Twisted's {@code amp.ProtocolSwitched}: a call made then fails with it.
 *
 * <p>Immutable; any thread.
 */
public final class ProtocolSwitched extends AmpError {
    private static final long serialVersionUID = 1L;

    /** One with {@code message}. */
    public ProtocolSwitched(String message) {
        super(message);
    }
}
