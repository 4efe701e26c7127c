package org.twisted4j.spread.banana;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The incremental Banana decoder, as the parsing half of Twisted's {@code Banana.dataReceived}: bytes go
 * in as they arrive, in pieces of any size, and every complete expression comes out to the sink given at
 * construction. Bytes split at any point decode to the same expressions. No I/O.
 *
 * <h2>What comes out</h2>
 * <table>
 * <caption>Banana wire types and their Java values</caption>
 * <tr><th>wire type</th><th>Java value</th></tr>
 * <tr><td>{@code INT}, {@code NEG}, {@code LONGINT}, {@code LONGNEG}</td>
 *     <td>{@link Long} when the value fits in one, else {@link BigInteger} (whatever the type byte)</td></tr>
 * <tr><td>{@code FLOAT}</td><td>{@link Double}</td></tr>
 * <tr><td>{@code STRING}</td><td>{@code byte[]}</td></tr>
 * <tr><td>{@code VOCAB} (dialect {@code pb} only)</td><td>the word's {@code byte[]}</td></tr>
 * <tr><td>{@code LIST}</td><td>a mutable {@link List}{@code <Object>} of the above</td></tr>
 * </table>
 *
 * <h2>Limits</h2>
 * As Twisted's: a number prefix of at most {@link #DEFAULT_PREFIX_LIMIT} bytes, strings and lists of at
 * most {@link #SIZE_LIMIT} bytes or items; and, which Twisted leaves to Python's stack, lists nested at
 * most {@link #DEFAULT_MAX_DEPTH} deep. Memory grows with the bytes that have arrived, never with what a
 * length prefix claims. Breaking a limit, an unknown type byte or an unknown vocabulary word throws
 * {@link BananaError}; the decoder is then broken and every later {@code feed} throws too.
 *
 * <h2>Threading</h2>
 * Not thread-safe: one connection's reactor thread feeds it.
 *
 * <h2>Pitfalls</h2>
 * The sink is called from inside {@code feed}. It may change the dialect (as dialect negotiation does),
 * which applies from the next expression on. If the sink throws, the exception leaves {@code feed} and the
 * rest of that piece is not decoded.
 */
public final class BananaDecoder {

    /** Twisted's default limit on the bytes of a number prefix: 64. */
    public static final int DEFAULT_PREFIX_LIMIT = 64;
    /** Twisted's limit on the bytes of a string and the items of a list: 640 KiB. */
    public static final int SIZE_LIMIT = 640 * 1024;
    /** The default limit on how deep lists nest: 512. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private static final int PREFIX = 0;
    private static final int STRING_BODY = 1;
    private static final int FLOAT_BODY = 2;
    private static final byte[] EMPTY = new byte[0];

    private final Consumer<Object> sink;
    private int prefixLimit = DEFAULT_PREFIX_LIMIT;
    private int sizeLimit = SIZE_LIMIT;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private boolean vocabulary;

    private int state = PREFIX;
    private byte[] prefix = new byte[16];
    private int prefixLength;
    private byte[] body = EMPTY;
    private int bodyLength;
    private int bodyExpected;
    private final ArrayDeque<Frame> lists = new ArrayDeque<>();
    private @Nullable BananaError failure;

    private record Frame(long expected, List<Object> items) {
    }

    /**
     * Creates a decoder in dialect {@code none} (no vocabulary) with the default limits.
     *
     * @param sink what receives each complete top-level expression
     */
    public BananaDecoder(Consumer<Object> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Sets the limit on the bytes of a number prefix (Twisted's {@code setPrefixLimit}).
     *
     * @param limit at least 1
     * @return this decoder
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public BananaDecoder setPrefixLimit(int limit) {
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
     * @return this decoder
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public BananaDecoder setSizeLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("size limit must not be negative: " + limit);
        }
        this.sizeLimit = limit;
        return this;
    }

    /**
     * Sets the limit on how deep lists nest; a list at depth {@code limit + 1} is an error.
     *
     * @param limit at least 1
     * @return this decoder
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public BananaDecoder setMaxDepth(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("depth limit must be at least 1: " + limit);
        }
        this.maxDepth = limit;
        return this;
    }

    /**
     * Turns the {@code pb} vocabulary on (dialect {@code pb}) or off (dialect {@code none}, the default,
     * where a {@code VOCAB} byte is an error).
     *
     * @param enabled whether {@code VOCAB} words are accepted
     * @return this decoder
     */
    public BananaDecoder setVocabulary(boolean enabled) {
        this.vocabulary = enabled;
        return this;
    }

    /** Returns the prefix limit. */
    public int prefixLimit() {
        return prefixLimit;
    }

    /** Returns the size limit. */
    public int sizeLimit() {
        return sizeLimit;
    }

    /** Returns the depth limit. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Returns whether no expression is partly decoded: all bytes fed so far have come out. */
    public boolean isIdle() {
        return state == PREFIX && prefixLength == 0 && lists.isEmpty();
    }

    /** Returns how many bytes the buffer of a string being read holds room for (for tests). */
    int bufferCapacity() {
        return body.length;
    }

    /**
     * Decodes the bytes of {@code data} between its position and limit, moving its position to its limit.
     *
     * @param data bytes as they arrived
     * @throws BananaError if the bytes are not Banana or break a limit, or if this decoder failed before
     */
    public void feed(ByteBuffer data) {
        BananaError earlier = failure;
        if (earlier != null) {
            throw new BananaError("decoder already failed: " + earlier.getMessage());
        }
        try {
            decode(data);
        } catch (BananaError e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Decodes all of {@code data}.
     *
     * @param data bytes as they arrived
     * @throws BananaError as {@link #feed(ByteBuffer)}
     */
    public void feed(byte[] data) {
        feed(ByteBuffer.wrap(data));
    }

    private void decode(ByteBuffer data) {
        while (data.hasRemaining()) {
            switch (state) {
                case STRING_BODY -> {
                    int n = Math.min(data.remaining(), bodyExpected - bodyLength);
                    if (bodyLength + n > body.length) {
                        body = Arrays.copyOf(body, Math.min(bodyExpected, Math.max(body.length * 2, bodyLength + n)));
                    }
                    data.get(body, bodyLength, n);
                    bodyLength += n;
                    if (bodyLength == bodyExpected) {
                        byte[] string = body.length == bodyLength ? body : Arrays.copyOf(body, bodyLength);
                        endBody();
                        gotItem(string);
                    }
                }
                case FLOAT_BODY -> {
                    int n = Math.min(data.remaining(), 8 - bodyLength);
                    data.get(body, bodyLength, n);
                    bodyLength += n;
                    if (bodyLength == 8) {
                        double value = ByteBuffer.wrap(body).getDouble();
                        endBody();
                        gotItem(value);
                    }
                }
                default -> {
                    byte b = data.get();
                    if ((b & 0x80) == 0) {
                        if (prefixLength >= prefixLimit) {
                            throw new BananaError("more than " + prefixLimit + " bytes of prefix");
                        }
                        if (prefixLength == prefix.length) {
                            prefix = Arrays.copyOf(prefix, Math.min(prefixLimit, prefix.length * 2));
                        }
                        prefix[prefixLength++] = b;
                    } else {
                        typeByte(b & 0xff);
                    }
                }
            }
        }
    }

    private void endBody() {
        state = PREFIX;
        body = EMPTY;
        bodyLength = 0;
        bodyExpected = 0;
    }

    private void typeByte(int type) {
        switch (type) {
            case Wire.LIST -> {
                long size = size();
                if (size > sizeLimit) {
                    throw new BananaError("list too long: " + describe(size) + " items, limit " + sizeLimit);
                }
                if (lists.size() >= maxDepth) {
                    throw new BananaError("lists nested deeper than " + maxDepth);
                }
                if (size == 0) {
                    gotItem(new ArrayList<>());
                } else {
                    lists.addLast(new Frame(size, new ArrayList<>((int) Math.min(size, 16))));
                }
            }
            case Wire.STRING -> {
                long size = size();
                if (size > sizeLimit) {
                    throw new BananaError("string too long: " + describe(size) + " bytes, limit " + sizeLimit);
                }
                if (size == 0) {
                    gotItem(new byte[0]);
                } else {
                    state = STRING_BODY;
                    bodyExpected = (int) size;
                    bodyLength = 0;
                    body = new byte[(int) Math.min(size, 256)];
                }
            }
            case Wire.INT, Wire.LONGINT -> gotItem(number(false));
            case Wire.NEG, Wire.LONGNEG -> gotItem(number(true));
            case Wire.FLOAT -> {
                prefixLength = 0;
                state = FLOAT_BODY;
                bodyLength = 0;
                body = new byte[8];
            }
            case Wire.VOCAB -> {
                if (!vocabulary) {
                    prefixLength = 0;
                    throw new BananaError("vocabulary word outside the pb dialect");
                }
                long code = size();
                byte[] word = Vocabulary.word(code);
                if (word == null) {
                    throw new BananaError("unknown vocabulary word " + describe(code));
                }
                gotItem(word);
            }
            default -> throw new BananaError("invalid type byte 0x" + Integer.toHexString(type));
        }
    }

    private static String describe(long size) {
        return size == Long.MAX_VALUE ? "more than 2^35" : Long.toString(size);
    }

    /** Consumes the prefix as a size: its value, or Long.MAX_VALUE if it needs more than 35 bits. */
    private long size() {
        long value = 0;
        for (int i = 0; i < prefixLength; i++) {
            if (prefix[i] != 0) {
                if (i >= 5) {
                    prefixLength = 0;
                    return Long.MAX_VALUE;
                }
                value |= (long) prefix[i] << (7 * i);
            }
        }
        prefixLength = 0;
        return value;
    }

    /** Consumes the prefix as an integer: a Long if it fits, else a BigInteger. */
    private Number number(boolean negative) {
        int length = prefixLength;
        while (length > 0 && prefix[length - 1] == 0) {
            length--;
        }
        prefixLength = 0;
        if (length <= 9) {
            long value = 0;
            for (int i = 0; i < length; i++) {
                value |= (long) prefix[i] << (7 * i);
            }
            return negative ? -value : value;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = length - 1; i >= 0; i--) {
            value = value.shiftLeft(7).or(BigInteger.valueOf(prefix[i]));
        }
        return Wire.normalize(negative ? value.negate() : value);
    }

    private void gotItem(Object value) {
        Object item = value;
        while (true) {
            Frame top = lists.peekLast();
            if (top == null) {
                sink.accept(item);
                return;
            }
            top.items().add(item);
            if (top.items().size() < top.expected()) {
                return;
            }
            lists.removeLast();
            item = top.items();
        }
    }
}
