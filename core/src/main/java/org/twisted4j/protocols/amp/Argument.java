package org.twisted4j.protocols.amp;

/**
 * How one value of a command's arguments or response is written as the bytes of a box value and read back, as
 * Twisted's {@code amp.Argument}. {@link Arguments} has one for each of Twisted's argument types, with the same
 * encodings; a user's own type implements the two methods.
 *
 * <pre>{@code
 * Argument<Long> integer = Arguments.integer();
 * byte[] wire = integer.toBytes(42L);      // "42"
 * long back = integer.fromBytes(wire);     // 42
 * }</pre>
 *
 * <p>Implementations are immutable and usable from any thread.
 *
 * @param <T> the Java type of the value
 */
public interface Argument<T> {

    /** The Java type of its values, checked against the record component it fills. */
    Class<?> type();

    /**
     * Writes {@code value}.
     *
     * @throws TooLong if a part it frames is over its limit (an element of a list)
     * @throws IllegalArgumentException if the value cannot be written (a value this type cannot encode)
     */
    byte[] toBytes(T value);

    /**
     * Reads a value.
     *
     * @throws IllegalArgumentException if the bytes are not a value of this type (with what is wrong)
     * @throws TooLong if a box nested in the bytes has a key over its limit
     */
    T fromBytes(byte[] bytes);
}
