package org.twisted4j.names;

/**
 * The padding option (RFC 7830): {@code length} octets, written as zeros; what they held when read is not kept.
 *
 * <p>Immutable; any thread.
 */
public record PaddingOption(int length) implements EdnsOption {

    /** Checks the length is 0 to 65535. */
    public PaddingOption {
        Records.check(length, 0xffff, "padding length");
    }

    @Override
    public int code() {
        return PADDING;
    }

    @Override
    public String toText() {
        return "PADDING " + length;
    }
}
