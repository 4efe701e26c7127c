package org.twisted4j.names;

/**
 * An EDNS(0) option this codec does not read, kept as code and data.
 *
 * <p>Immutable; any thread.
 */
public record UnknownOption(int code, ByteString data) implements EdnsOption {

    /** Checks the code is 16-bit and the data at most 65535 octets. */
    public UnknownOption {
        java.util.Objects.requireNonNull(data, "data");
        Records.check(code, 0xffff, "option code");
        Records.check(data.length(), 0xffff, "option length");
    }

    @Override
    public String toText() {
        return "Generic " + code + " " + data.hex();
    }
}
