package org.twisted4j.protocols.basic;

/**
 * A protocol that receives strings each prefixed with an 8-bit (one byte) unsigned big-endian length, as
 * Twisted's {@code Int8StringReceiver}; strings of up to 255 bytes can be sent. Implement
 * {@link #stringReceived(byte[])}; see {@link IntNStringReceiver} for limits and flow control.
 *
 * <pre>{@code
 * final class Ping extends Int8StringReceiver {
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
public abstract non-sealed class Int8StringReceiver extends IntNStringReceiver {

    /** For subclasses. */
    protected Int8StringReceiver() {
        super(1);
    }
}
