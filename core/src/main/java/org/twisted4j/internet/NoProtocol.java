package org.twisted4j.internet;

/**
 * A factory's {@code buildProtocol} returned null, so the connection it was asked about has no protocol and
 * is closed, as Twisted's {@code twisted.internet.error.NoProtocol}.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class NoProtocol extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param peer the address the factory was asked to build a protocol for, for the message
     */
    public NoProtocol(Address peer) {
        super("the factory built no protocol for the connection with " + peer);
    }
}
