package org.twisted4j.protocols.amp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One AMP packet: a map from keys to values, both bytes, as Twisted's {@code amp.AmpBox}.
 *
 * <h2>Wire form</h2>
 * Each key and value goes out as a 16-bit big-endian length and its bytes, key then value, keys in ascending
 * byte order (as Twisted sorts them); two zero bytes (an empty key) end the box. A key has 1 to
 * {@value #MAX_KEY_LENGTH} bytes, a value at most {@value #MAX_VALUE_LENGTH}.
 * <pre>{@code
 * AmpBox box = new AmpBox().put("_command", "Sum").put("a", "13");
 * byte[] wire = box.serialize();   // 00 01 'a' 00 02 '1' '3' 00 08 '_command' 00 03 'Sum' 00 00
 * }</pre>
 *
 * <h2>Keys</h2>
 * Keys are bytes on the wire; here they are strings of characters U+0000 to U+00FF, one per byte (ISO-8859-1),
 * so that any key read from the network has one string and ordering strings orders the bytes. The keys AMP uses
 * are ASCII.
 *
 * <h2>Threading</h2>
 * Not thread-safe: a mutable map, for one thread at a time.
 */
public final class AmpBox {
    /** The longest key, in bytes. */
    public static final int MAX_KEY_LENGTH = 0xff;
    /** The longest value, in bytes. */
    public static final int MAX_VALUE_LENGTH = 0xffff;

    private final TreeMap<String, byte[]> entries = new TreeMap<>();
    /**
     * What the answer of a command that switches the connection carries beyond its bytes, as Twisted's
     * {@code _TLSBox} and {@code _SwitchBox} do: the responder's TLS options or protocol factory. Never on the wire.
     */
    @Nullable Object switchTo;

    /** An empty box. */
    public AmpBox() {
    }

    /**
     * Sets {@code key} to {@code value} (the array is kept, not copied), replacing what it had.
     *
     * @return this box
     * @throws IllegalArgumentException if {@code key} is empty or has a character over U+00FF
     */
    public AmpBox put(String key, byte[] value) {
        checkKey(key);
        entries.put(key, Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets {@code key} to the UTF-8 bytes of {@code value}, as {@link #put(String, byte[])}. */
    public AmpBox put(String key, String value) {
        return put(key, value.getBytes(UTF_8));
    }

    private static void checkKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an AMP key cannot be empty: the empty key ends a box");
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0xff) {
                throw new IllegalArgumentException("an AMP key is bytes, one character U+0000..U+00FF each: " + key);
            }
        }
    }

    /** Returns the value of {@code key}, or null if it has none. */
    public byte @Nullable [] get(String key) {
        return entries.get(key);
    }

    /** Returns the value of {@code key} decoded as UTF-8 (malformed bytes replaced), or null if it has none. */
    public @Nullable String getString(String key) {
        byte[] value = entries.get(key);
        return value == null ? null : new String(value, UTF_8);
    }

    /** Whether it has {@code key}. */
    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** Removes {@code key} and returns its value, or null if it had none. */
    public byte @Nullable [] remove(String key) {
        return entries.remove(key);
    }

    /** Its keys in wire order, as a read-only view. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** How many keys it has. */
    public int size() {
        return entries.size();
    }

    /** Whether it has no keys. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Returns its wire form.
     *
     * @throws TooLong if a key is over {@value #MAX_KEY_LENGTH} bytes or a value over {@value #MAX_VALUE_LENGTH}
     */
    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(serializedSize());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            byte[] key = entry.getKey().getBytes(ISO_8859_1);
            byte[] value = entry.getValue();
            if (key.length > MAX_KEY_LENGTH) {
                throw new TooLong(TooLong.What.KEY, true, key.length, null);
            }
            if (value.length > MAX_VALUE_LENGTH) {
                throw new TooLong(TooLong.What.VALUE, true, value.length, entry.getKey());
            }
            writeString(out, key);
            writeString(out, value);
        }
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    private int serializedSize() {
        int size = 2;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            size += 4 + entry.getKey().length() + entry.getValue().length;
        }
        return size;
    }

    /** Writes the 16-bit length of {@code bytes} (at most 65535) and then the bytes. */
    static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xff);
        out.write(bytes, 0, bytes.length);
    }

    /** Two boxes are equal when they have the same keys with the same value bytes. */
    @Override
    public boolean equals(@Nullable Object other) {
        if (!(other instanceof AmpBox box) || box.entries.size() != entries.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            byte[] theirs = box.entries.get(entry.getKey());
            if (theirs == null || !Arrays.equals(theirs, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            hash += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        return hash;
    }

    /** The keys and values, values shown as UTF-8 text, for messages and logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("AmpBox{");
        String separator = "";
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(new String(entry.getValue(), UTF_8));
            separator = ", ";
        }
        return text.append('}').toString();
    }
}
