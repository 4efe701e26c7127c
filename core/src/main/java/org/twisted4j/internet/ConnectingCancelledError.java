package org.twisted4j.internet;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A connection attempt was called off because the Deferred waiting for it was cancelled, as Twisted's
 * {@code twisted.internet.error.ConnectingCancelledError}. It is deliberately not a {@link ConnectError}:
 * code that retries failed connections should not retry one its own caller gave up on.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class ConnectingCancelledError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable Address address;
    private final String destination;

    /**
     * Creates the error for an attempt to reach a known address.
     *
     * @param address where the cancelled attempt was connecting to
     */
    public ConnectingCancelledError(Address address) {
        this(Objects.requireNonNull(address, "address"), address.toString());
    }

    /**
     * Creates the error for an attempt to reach a destination that has no {@link Address} of its own yet,
     * such as a host name and port still being resolved.
     *
     * @param destination where the cancelled attempt was connecting to, such as {@code "example.com:443"}
     */
    public ConnectingCancelledError(String destination) {
        this(null, Objects.requireNonNull(destination, "destination"));
    }

    private ConnectingCancelledError(@Nullable Address address, String destination) {
        super("connecting to " + destination + " was cancelled");
        this.address = address;
        this.destination = destination;
    }

    /** Returns the address the attempt was connecting to, or null if it was not known as an address. */
    public @Nullable Address address() {
        return address;
    }

    /** Returns where the attempt was connecting to, as text. */
    public String destination() {
        return destination;
    }
}
