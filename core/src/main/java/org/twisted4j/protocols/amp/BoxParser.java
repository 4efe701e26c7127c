package org.twisted4j.protocols.amp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a stream of bytes into {@link AmpBox}es as they arrive, however the stream is split: Twisted's
 * {@code BinaryBoxProtocol} framing without the I/O.
 *
 * <pre>{@code
 * BoxParser parser = new BoxParser(box -> handle(box));
 * parser.feed(bytesFromTheNetwork);   // calls handle once per complete box
 * }</pre>
 *
 * <h2>Limits</h2>
 * A key announced longer than {@value AmpBox#MAX_KEY_LENGTH} bytes is refused at its length prefix, as Twisted
 * does. A box (its prefixes, keys and values, and the terminator) is limited to {@link #maxBoxSize()} bytes,
 * {@value #DEFAULT_MAX_BOX_SIZE} by default: the length prefix that would take it over is refused before any of
 * what it announces is taken. The bytes held are those of the box being read, so never more than that limit.
 * Either refusal throws {@link TooLong}, the one error {@link #feed} throws; the parser is then spent, and every
 * later {@code feed} throws the same error again.
 *
 * <h2>Threading</h2>
 * Not thread-safe: one connection's parser, on its reactor thread. The sink is called from {@code feed}.
 */
public final class BoxParser {
    /** The default largest box, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_BOX_SIZE = 1 << 20;

    /** What receives the boxes. */
    @FunctionalInterface
    public interface Sink {
        /** Receives one complete box, in order of arrival. */
        void boxReceived(AmpBox box);
    }

    private final Sink sink;
    private int maxBoxSize = DEFAULT_MAX_BOX_SIZE;

    private final byte[] prefix = new byte[2];
    private int prefixHave;
    private byte @Nullable [] string;
    private int stringHave;
    private @Nullable String key;
    private @Nullable AmpBox box;
    private long boxSize;
    private boolean stopped;
    private @Nullable TooLong broken;

    /** A parser that gives its boxes to {@code sink}. */
    public BoxParser(Sink sink) {
        this.sink = sink;
    }

    /** The largest box it accepts, in bytes. */
    public int maxBoxSize() {
        return maxBoxSize;
    }

    /**
     * Sets the largest box it accepts, counted as on the wire (prefixes, keys, values and the terminator).
     *
     * @throws IllegalArgumentException if {@code bytes} is under 2 (the empty box's size)
     */
    public void setMaxBoxSize(int bytes) {
        if (bytes < 2) {
            throw new IllegalArgumentException("the maximum box size must be at least 2 bytes, not " + bytes);
        }
        maxBoxSize = bytes;
    }

    /**
     * Stops delivery: the box the sink is receiving is the last, and what {@code feed} has not parsed yet is
     * dropped. For a sink whose connection is closing.
     */
    public void stop() {
        stopped = true;
    }

    /**
     * The bytes of the box not yet complete, as announced by the length prefixes read so far (and so allocated):
     * never more than {@link #maxBoxSize()}.
     */
    public long bufferedBytes() {
        return box == null ? 0 : boxSize;
    }

    /** Whether the bytes fed so far end inside a box (or inside a length prefix). */
    public boolean hasPartialBox() {
        return box != null || prefixHave > 0;
    }

    /**
     * Parses {@code data} (all its remaining bytes are consumed) and gives each complete box to the sink.
     *
     * @throws TooLong if a key is announced over {@value AmpBox#MAX_KEY_LENGTH} bytes or the box would exceed
     *         {@link #maxBoxSize()}; the parser is spent, and boxes before the error have been delivered
     */
    public void feed(ByteBuffer data) {
        if (broken != null) {
            throw broken;
        }
        while (data.hasRemaining() && !stopped) {
            byte[] current = string;
            if (current == null) {
                prefix[prefixHave++] = data.get();
                if (prefixHave == 2) {
                    prefixHave = 0;
                    startString(((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff));
                }
            } else {
                int take = Math.min(data.remaining(), current.length - stringHave);
                data.get(current, stringHave, take);
                stringHave += take;
                if (stringHave == current.length) {
                    string = null;
                    stringReceived(current);
                }
            }
        }
    }

    private void startString(int length) {
        if (key == null && length > AmpBox.MAX_KEY_LENGTH) {
            throw fail(new TooLong(TooLong.What.KEY, false, length, null));
        }
        long size = boxSize + 2 + length;
        if (size > maxBoxSize) {
            throw fail(new TooLong(TooLong.What.BOX, false, size, null));
        }
        boxSize = size;
        if (box == null) {
            box = new AmpBox();
        }
        byte[] bytes = new byte[length];
        if (length == 0) {
            stringReceived(bytes);
        } else {
            string = bytes;
            stringHave = 0;
        }
    }

    private void stringReceived(byte[] bytes) {
        AmpBox current = box;
        if (current == null) {
            throw new IllegalStateException("a string outside a box");
        }
        String currentKey = key;
        if (currentKey != null) {
            current.put(currentKey, bytes);
            key = null;
        } else if (bytes.length > 0) {
            key = new String(bytes, ISO_8859_1);
        } else {
            box = null;
            boxSize = 0;
            sink.boxReceived(current);
        }
    }

    private TooLong fail(TooLong error) {
        broken = error;
        string = null;
        box = null;
        key = null;
        boxSize = 0;
        prefixHave = 0;
        return error;
    }

    /**
     * Parses a whole byte string of boxes, as Twisted's {@code amp.parseString} (the wire form of
     * {@link Arguments#ampList}), with no limit on its size beyond the array's.
     *
     * @throws TooLong if a key is over {@value AmpBox#MAX_KEY_LENGTH} bytes
     * @throws IllegalArgumentException if the bytes end inside a box
     */
    public static List<AmpBox> parseAll(byte[] bytes) {
        List<AmpBox> boxes = new ArrayList<>();
        BoxParser parser = new BoxParser(boxes::add);
        parser.setMaxBoxSize(Integer.MAX_VALUE);
        parser.feed(ByteBuffer.wrap(bytes));
        if (parser.hasPartialBox()) {
            throw new IllegalArgumentException("the bytes end inside an AMP box");
        }
        return boxes;
    }
}
