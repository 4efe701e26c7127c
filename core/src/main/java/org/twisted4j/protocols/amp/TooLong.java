package org.twisted4j.protocols.amp;

import org.jspecify.annotations.Nullable;

/**
 * One of AMP's length limits was broken, as Twisted's {@code amp.TooLong}: a key over
 * {@value AmpBox#MAX_KEY_LENGTH} bytes, a value over {@value AmpBox#MAX_VALUE_LENGTH}
 * bytes, or (a limit of twisted4j's own) a box read from the network over its parser's maximum size.
 *
 * <p>Written locally ({@link #isLocal()}), it is thrown by {@link AmpBox#serialize()} and by the argument types
 * that frame values. Read from the network, it is the one error {@link BoxParser} throws; {@link AMP} then
 * drops the connection and fails its outstanding calls with it.
 *
 * <p>Immutable; any thread.
 */
public final class TooLong extends AmpError {
    private static final long serialVersionUID = 1L;

    /** What was too long. */
    public enum What {
        /** A key: over 255 bytes. */
        KEY,
        /** A value: over 65535 bytes. */
        VALUE,
        /** A whole box read from the network: over the parser's maximum box size. */
        BOX
    }

    private final What what;
    private final boolean local;
    private final long length;
    private final @Nullable String keyName;

    /**
     * Creates one.
     *
     * @param what what was too long
     * @param local whether it was being written here (rather than read from the peer)
     * @param length its length in bytes (as announced, for what was read)
     * @param keyName the key of a value that was too long, or null
     */
    public TooLong(What what, boolean local, long length, @Nullable String keyName) {
        super(describe(what, local, length, keyName));
        this.what = what;
        this.local = local;
        this.length = length;
        this.keyName = keyName;
    }

    private static String describe(What what, boolean local, long length, @Nullable String keyName) {
        String which = switch (what) {
            case KEY -> "key";
            case VALUE -> keyName == null ? "value" : "value of key " + keyName;
            case BOX -> "box";
        };
        return (local ? "local " : "remote ") + which + " too long: " + length;
    }

    /** What was too long. */
    public What what() {
        return what;
    }

    /** Whether it was being written here, rather than read from the peer. */
    public boolean isLocal() {
        return local;
    }

    /** Its length in bytes (for what was read, the length announced so far). */
    public long length() {
        return length;
    }

    /** The key whose value was too long, or null. */
    public @Nullable String keyName() {
        return keyName;
    }
}
