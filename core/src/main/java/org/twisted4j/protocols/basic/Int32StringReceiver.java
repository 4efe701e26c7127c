package org.twisted4j.protocols.basic;

/**
 * A protocol that receives strings each prefixed with a 32-bit (four bytes) unsigned big-endian length, as
 * Twisted's {@code Int32StringReceiver}; strings of up to 4294967295 bytes can be sent. Implement
 * {@link #stringReceived(byte[])}; see {@link IntNStringReceiver} for limits and flow control.
 *
 * <pre>{@code
 * final class Ping extends Int32StringReceiver {
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
public abstract non-sealed class Int32StringReceiver extends IntNStringReceiver {

    /** For subclasses. */
    protected Int32StringReceiver() {
        super(4);
    }
}
