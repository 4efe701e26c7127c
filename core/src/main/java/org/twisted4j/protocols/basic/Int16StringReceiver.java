package org.twisted4j.protocols.basic;

/**
 * A protocol that receives strings each prefixed with a 16-bit (two bytes) unsigned big-endian length, as
 * Twisted's {@code Int16StringReceiver}; strings of up to 65535 bytes can be sent. Implement
 * {@link #stringReceived(byte[])}; see {@link IntNStringReceiver} for limits and flow control.
 *
 * <pre>{@code
 * final class Ping extends Int16StringReceiver {
 *     @Override
 *     protected void stringReceived(byte[] string) {
 *         sendString(string);
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every protocol.
 */
public abstract non-sealed class Int16StringReceiver extends IntNStringReceiver {

    /** For subclasses. */
    protected Int16StringReceiver() {
        super(2);
    }
}
