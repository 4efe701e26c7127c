package org.twisted4j.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Delivers bytes to a protocol as a transport would: in reads of sizes picked at random, each in a buffer
 * that is overwritten once the call returns, as a reactor reuses its read buffer. The fuzz targets of the
 * incremental parsers use it to check that a message split anywhere parses the same, and that nothing keeps
 * a received buffer past the call.
 */
public final class Chunks {
    private static final byte SCRIBBLE = (byte) 0xA5;

    private Chunks() {
    }

    /**
     * Delivers {@code input} in one read (none if it is empty).
     *
     * @param input the bytes
     * @param receiver what takes each read, such as {@code protocol::dataReceived}
     */
    public static void whole(byte[] input, Consumer<ByteBuffer> receiver) {
        if (input.length > 0) {
            deliver(input, 0, input.length, receiver);
        }
    }

    /**
     * Delivers {@code input} in reads of 1 to {@code largest} bytes, their sizes drawn from {@code seed}.
     *
     * @param input the bytes
     * @param largest the largest read, at least 1
     * @param seed picks the sizes
     * @param receiver what takes each read, such as {@code protocol::dataReceived}
     */
    public static void split(byte[] input, int largest, long seed, Consumer<ByteBuffer> receiver) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int at = 0; at < input.length; ) {
            int size = Math.min(input.length - at, 1 + random.nextInt(largest));
            deliver(input, at, size, receiver);
            at += size;
        }
    }

    private static void deliver(byte[] input, int from, int size, Consumer<ByteBuffer> receiver) {
        byte[] read = Arrays.copyOfRange(input, from, from + size);
        receiver.accept(ByteBuffer.wrap(read));
        Arrays.fill(read, SCRIBBLE);
    }
}
