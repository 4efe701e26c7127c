package org.twisted4j.protocols.basic;

import java.nio.ByteBuffer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Transport;

/**
 * A protocol that receives strings each prefixed with its length, an unsigned big-endian integer of
 * {@link #prefixLength()} bytes, as Twisted's {@code IntNStringReceiver}. Subclass one of its three
 * kinds: {@link Int8StringReceiver}, {@link Int16StringReceiver} or {@link Int32StringReceiver}.
 *
 * <pre>{@code
 * final class Echo extends Int32StringReceiver {
 *     @Override
 *     protected void stringReceived(byte[] string) {
 *         sendString(string);
 *     }
 * }
 * }</pre>
 *
 * <p>A prefix announcing more than {@link #maxLength()} bytes (default {@value #DEFAULT_MAX_LENGTH}) goes
 * to {@link #lengthLimitExceeded(long)} as soon as the prefix has arrived, before any of the string is
 * buffered; by default the connection is closed. Like a {@link LineReceiver}, it is a {@link PushProducer}
 * of its strings: {@link #pauseProducing()} holds back strings already read until
 * {@link #resumeProducing()}. No string after the one whose handler closed the connection is delivered.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every protocol.
 */
public abstract sealed class IntNStringReceiver extends Protocol implements PushProducer
        permits Int8StringReceiver, Int16StringReceiver, Int32StringReceiver {

    /** The default {@link #maxLength()}: 99999 bytes, as Twisted's. */
    public static final int DEFAULT_MAX_LENGTH = 99_999;

    private final int prefixLength;
    private final PausableDelivery delivery = new PausableDelivery() {
        @Override
        Transport transport() {
            return IntNStringReceiver.this.transport();
        }

        @Override
        boolean deliverNext() {
            return nextString(buffer());
        }
    };
    private int maxLength = DEFAULT_MAX_LENGTH;

    IntNStringReceiver(int prefixLength) {
        this.prefixLength = prefixLength;
    }

    /**
     * Called with each string received, without its prefix.
     *
     * @param string the string's bytes, a new array the method may keep
     */
    protected abstract void stringReceived(byte[] string);

    /**
     * Called when a prefix announces a string longer than {@link #maxLength()}. By default closes the
     * connection. The prefix and what follows it stay buffered, so the call repeats with the next bytes
     * read unless the connection closes.
     *
     * @param length the length the prefix announced
     */
    protected void lengthLimitExceeded(long length) {
        transport().loseConnection();
    }

    /** Cuts received bytes into strings; an override must call this one. */
    @Override
    public void dataReceived(ByteBuffer data) {
        delivery.receive(data);
    }

    /** Delivers the next string, or reports it too long; returns false if it is not all buffered yet. */
    private boolean nextString(ByteQueue buffer) {
        if (buffer.size() < prefixLength) {
            return false;
        }
        long length = readPrefix(buffer);
        if (length > maxLength) {
            lengthLimitExceeded(length);
            return false;
        }
        if (buffer.size() - prefixLength < length) {
            return false;
        }
        buffer.skip(prefixLength);
        stringReceived(buffer.take((int) length));
        return true;
    }

    private long readPrefix(ByteQueue buffer) {
        long length = 0;
        for (int i = 0; i < prefixLength; i++) {
            length = (length << 8) | (buffer.get(i) & 0xff);
        }
        return length;
    }

    /**
     * Sends {@code string} after its length prefix, in one write.
     *
     * @param string the bytes to send
     * @throws StringTooLongException if its length does not fit in the prefix
     */
    public void sendString(byte[] string) {
        long limit = 1L << (8 * prefixLength);
        if (string.length >= limit) {
            throw new StringTooLongException("cannot send " + string.length + " bytes with a " + prefixLength
                    + "-byte length prefix: the most is " + (limit - 1));
        }
        byte[] framed = new byte[prefixLength + string.length];
        long length = string.length;
        for (int i = prefixLength - 1; i >= 0; i--) {
            framed[i] = (byte) length;
            length >>>= 8;
        }
        System.arraycopy(string, 0, framed, prefixLength, string.length);
        transport().write(framed);
    }

    /** Returns how many bytes the length prefix takes: 1, 2 or 4. */
    public final int prefixLength() {
        return prefixLength;
    }

    /** Returns the longest string accepted, in bytes. */
    public final int maxLength() {
        return maxLength;
    }

    /**
     * Sets the longest string accepted, in bytes.
     *
     * @param maxLength the limit
     * @throws IllegalArgumentException if it is negative
     */
    public final void setMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("the maximum string length must not be negative, not " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** Returns whether delivery is paused by {@link #pauseProducing()} or {@link #stopProducing()}. */
    public final boolean isPaused() {
        return delivery.isPaused();
    }

    /** Stops delivering strings, and pauses reading from the transport, until {@link #resumeProducing()}. */
    @Override
    public void pauseProducing() {
        delivery.pause();
    }

    /** Resumes reading from the transport and delivers the strings that waited. */
    @Override
    public void resumeProducing() {
        delivery.resume();
    }

    /** Stops delivering strings for good, and stops the transport (which closes the connection). */
    @Override
    public void stopProducing() {
        delivery.stop();
    }
}
