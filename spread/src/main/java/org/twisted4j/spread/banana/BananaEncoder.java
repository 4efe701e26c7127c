package org.twisted4j.spread.banana;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Banana encoder, as the writing half of Twisted's {@code Banana.sendEncoded}: turns an s-expression
 * into the bytes Python's Banana writes for it, byte for byte. No I/O.
 *
 * <h2>What goes in</h2>
 * <table>
 * <caption>Java values and their Banana wire types</caption>
 * <tr><th>Java value</th><th>wire type</th></tr>
 * <tr><td>{@link Long}, {@link Integer}, {@link Short}, {@link Byte}, {@link BigInteger}</td>
 *     <td>{@code INT} (0 to 2^31-1), {@code NEG} (-2^31 to -1), else {@code LONGINT} / {@code LONGNEG}</td></tr>
 * <tr><td>{@link Double}, {@link Float}</td><td>{@code FLOAT}, 8 bytes IEEE 754 big-endian</td></tr>
 * <tr><td>{@code byte[]}</td><td>{@code STRING}, or {@code VOCAB} for a vocabulary word in dialect
 *     {@code pb}</td></tr>
 * <tr><td>{@link String}</td><td>as its UTF-8 bytes (a convenience: the decoder gives {@code byte[]})</td></tr>
 * <tr><td>{@link List}</td><td>{@code LIST} of its items</td></tr>
 * </table>
 * Anything else, an integer beyond the prefix limit's range (2^448-1 by default), a string or list over
 * the size limit, or lists nested deeper than the depth limit (a list that contains itself, say) is a
 * {@link BananaError}, and nothing is written.
 *
 * <h2>Threading</h2>
 * Not thread-safe: configure it, then use it from one thread.
 */
public final class BananaEncoder {

    private int prefixLimit = BananaDecoder.DEFAULT_PREFIX_LIMIT;
    private int sizeLimit = BananaDecoder.SIZE_LIMIT;
    private int maxDepth = BananaDecoder.DEFAULT_MAX_DEPTH;
    private boolean vocabulary;

    /** Creates an encoder in dialect {@code none} with the default limits. */
    public BananaEncoder() {
    }

    /**
     * Sets the prefix limit, which bounds the integers that can be sent to {@code 2^(7 * limit) - 1}.
     *
     * @param limit at least 1
     * @return this encoder
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public BananaEncoder setPrefixLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("prefix limit must be at least 1: " + limit);
        }
        this.prefixLimit = limit;
        return this;
    }

    /**
     * Sets the limit on the bytes of a string and the items of a list.
     *
     * @param limit at least 0
     * @return this encoder
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public BananaEncoder setSizeLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("size limit must not be negative: " + limit);
        }
        this.sizeLimit = limit;
        return this;
    }

    /**
     * Sets the limit on how deep lists nest.
     *
     * @param limit at least 1
     * @return this encoder
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public BananaEncoder setMaxDepth(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("depth limit must be at least 1: " + limit);
        }
        this.maxDepth = limit;
        return this;
    }

    /**
     * Turns the {@code pb} vocabulary on (dialect {@code pb}) or off (dialect {@code none}, the default).
     *
     * @param enabled whether vocabulary words go out as {@code VOCAB}
     * @return this encoder
     */
    public BananaEncoder setVocabulary(boolean enabled) {
        this.vocabulary = enabled;
        return this;
    }

    /**
     * Returns the bytes of one expression.
     *
     * @param expression the s-expression
     * @return its encoding
     * @throws BananaError if it holds a value Banana cannot send or breaks a limit
     */
    public byte[] encode(@Nullable Object expression) {
        ByteSink out = new ByteSink(64);
        encode(expression, out);
        return out.toByteArray();
    }

    /**
     * Appends the bytes of one expression to {@code out}; on error, {@code out} may hold part of them.
     *
     * @param expression the s-expression
     * @param out where the bytes go
     * @throws BananaError if it holds a value Banana cannot send or breaks a limit
     */
    public void encode(@Nullable Object expression, ByteArrayOutputStream out) {
        encode(expression, out, 0);
    }

    private void encode(@Nullable Object value, ByteArrayOutputStream out, int depth) {
        switch (value) {
            case List<?> list -> {
                if (depth >= maxDepth) {
                    throw new BananaError("lists nested deeper than " + maxDepth);
                }
                if (list.size() > sizeLimit) {
                    throw new BananaError("list is too long to send (" + list.size() + ")");
                }
                writeNumber(list.size(), out);
                out.write(Wire.LIST);
                for (Object item : list) {
                    encode(item, out, depth + 1);
                }
            }
            case Long l -> encodeLong(l, out);
            case Integer i -> encodeLong(i, out);
            case Short s -> encodeLong(s, out);
            case Byte b -> encodeLong(b, out);
            case BigInteger big -> encodeBig(big, out);
            case Double d -> encodeDouble(d, out);
            case Float f -> encodeDouble(f, out);
            case byte[] bytes -> encodeBytes(bytes, out);
            case String s -> encodeBytes(s.getBytes(StandardCharsets.UTF_8), out);
            case null -> throw new BananaError("Banana cannot send null");
            default -> throw new BananaError("Banana cannot send " + value.getClass().getName() + " objects");
        }
    }

    private void encodeBytes(byte[] bytes, ByteArrayOutputStream out) {
        if (vocabulary) {
            int code = Vocabulary.code(bytes);
            if (code != 0) {
                writeNumber(code, out);
                out.write(Wire.VOCAB);
                return;
            }
        }
        if (bytes.length > sizeLimit) {
            throw new BananaError("byte string is too long to send (" + bytes.length + ")");
        }
        writeNumber(bytes.length, out);
        out.write(Wire.STRING);
        out.write(bytes, 0, bytes.length);
    }

    private static void encodeDouble(double value, ByteArrayOutputStream out) {
        out.write(Wire.FLOAT);
        long bits = Double.doubleToLongBits(value);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift));
        }
    }

    private void encodeLong(long value, ByteArrayOutputStream out) {
        if (value == Long.MIN_VALUE) {
            encodeBig(BigInteger.valueOf(value), out);
            return;
        }
        long magnitude = Math.abs(value);
        int bits = 7 * prefixLimit;
        if (bits < 63 && magnitude > (1L << bits) - 1) {
            throw new BananaError("int is too large to send (" + value + ")");
        }
        writeNumber(magnitude, out);
        if (value < 0) {
            out.write(value < Wire.SMALLEST_INT ? Wire.LONGNEG : Wire.NEG);
        } else {
            out.write(value > Wire.LARGEST_INT ? Wire.LONGINT : Wire.INT);
        }
    }

    private void encodeBig(BigInteger value, ByteArrayOutputStream out) {
        if (value.bitLength() < 63) {
            encodeLong(value.longValue(), out);
            return;
        }
        BigInteger magnitude = value.abs();
        if (magnitude.bitLength() > 7 * (long) prefixLimit) {
            throw new BananaError("int is too large to send (" + value + ")");
        }
        while (magnitude.signum() != 0) {
            out.write(magnitude.intValue() & 0x7f);
            magnitude = magnitude.shiftRight(7);
        }
        out.write(value.signum() < 0 ? Wire.LONGNEG : Wire.LONGINT);
    }

    private static void writeNumber(long value, ByteArrayOutputStream out) {
        if (value == 0) {
            out.write(0);
            return;
        }
        long rest = value;
        while (rest != 0) {
            out.write((int) (rest & 0x7f));
            rest >>>= 7;
        }
    }
}
