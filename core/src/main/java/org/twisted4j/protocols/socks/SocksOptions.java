package org.twisted4j.protocols.socks;

import java.io.Writer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.endpoints.HostResolver;

/**
 * How a {@link SocksFactory}'s servers behave: which versions they speak, whether SOCKS5 clients must give
 * a user name and password, how host names are resolved, limits, and an optional connection log. Immutable;
 * each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * SocksOptions options = SocksOptions.defaults()
 *         .withSocks4(false)
 *         .withCredentials(CredentialsChecker.of((u, p) -> u.equals("me") && p.equals("secret")))
 *         .withLog(new FileWriter("socks.log", UTF_8));
 * }</pre>
 *
 * <p>Defaults: SOCKS4/4a and SOCKS5 both on; no authentication; host names resolved by the system's
 * resolver on a thread ({@link HostResolver#blocking}); a {@value #DEFAULT_CONNECT_TIMEOUT}-second
 * connection timeout; SOCKS4 user ids and host names of at most {@value #DEFAULT_MAX_FIELD_LENGTH} bytes; no
 * log.
 *
 * <h2>Threading</h2>
 * Any thread (immutable); the checker, resolver and log are used on the reactor thread.
 */
public final class SocksOptions {

    /** The default connection timeout for the destination, in seconds. */
    public static final double DEFAULT_CONNECT_TIMEOUT = ReactorTCP.DEFAULT_CONNECT_TIMEOUT;

    /** The default limit on a SOCKS4 user id or SOCKS4a host name, in bytes. */
    public static final int DEFAULT_MAX_FIELD_LENGTH = 255;

    private static final SocksOptions DEFAULTS = new SocksOptions(true, true, null, null, DEFAULT_CONNECT_TIMEOUT,
            DEFAULT_MAX_FIELD_LENGTH, null);

    private final boolean socks4;
    private final boolean socks5;
    private final @Nullable CredentialsChecker credentials;
    private final @Nullable HostResolver resolver;
    private final double connectTimeout;
    private final int maxFieldLength;
    private final @Nullable Writer log;

    private SocksOptions(boolean socks4, boolean socks5, @Nullable CredentialsChecker credentials,
            @Nullable HostResolver resolver, double connectTimeout, int maxFieldLength, @Nullable Writer log) {
        this.socks4 = socks4;
        this.socks5 = socks5;
        this.credentials = credentials;
        this.resolver = resolver;
        this.connectTimeout = connectTimeout;
        this.maxFieldLength = maxFieldLength;
        this.log = log;
    }

    /** Returns the defaults described above. */
    public static SocksOptions defaults() {
        return DEFAULTS;
    }

    /** Returns whether SOCKS4 and SOCKS4a clients are served. */
    public boolean socks4() {
        return socks4;
    }

    /** Returns whether SOCKS5 clients are served. */
    public boolean socks5() {
        return socks5;
    }

    /** Returns the checker SOCKS5 clients must pass, or null if they need no authentication. */
    public @Nullable CredentialsChecker credentials() {
        return credentials;
    }

    /** Returns the resolver for host names, or null for the system's resolver on a thread. */
    public @Nullable HostResolver resolver() {
        return resolver;
    }

    /** Returns the connection timeout for the destination, in seconds. */
    public double connectTimeout() {
        return connectTimeout;
    }

    /** Returns the limit on a SOCKS4 user id or SOCKS4a host name, in bytes. */
    public int maxFieldLength() {
        return maxFieldLength;
    }

    /** Returns where one line per CONNECT request is written, or null for no log. */
    public @Nullable Writer log() {
        return log;
    }

    /**
     * Returns a copy that serves SOCKS4 and SOCKS4a clients or not; refused ones are disconnected.
     *
     * @param enabled whether to serve them
     */
    public SocksOptions withSocks4(boolean enabled) {
        return new SocksOptions(enabled, socks5, credentials, resolver, connectTimeout, maxFieldLength, log);
    }

    /**
     * Returns a copy that serves SOCKS5 clients or not; refused ones are disconnected.
     *
     * @param enabled whether to serve them
     */
    public SocksOptions withSocks5(boolean enabled) {
        return new SocksOptions(socks4, enabled, credentials, resolver, connectTimeout, maxFieldLength, log);
    }

    /**
     * Returns a copy in which SOCKS5 clients must authenticate with a user name and password that
     * {@code checker} accepts; with null, they need not authenticate. SOCKS4 cannot carry a password, so
     * while a checker is set SOCKS4 requests are refused.
     *
     * @param checker the checker, or null for none
     */
    public SocksOptions withCredentials(@Nullable CredentialsChecker checker) {
        return new SocksOptions(socks4, socks5, checker, resolver, connectTimeout, maxFieldLength, log);
    }

    /**
     * Returns a copy that resolves host names (SOCKS4a and SOCKS5 domain names) with {@code resolver}.
     *
     * @param resolver the resolver, or null for the system's resolver on a thread
     */
    public SocksOptions withResolver(@Nullable HostResolver resolver) {
        return new SocksOptions(socks4, socks5, credentials, resolver, connectTimeout, maxFieldLength, log);
    }

    /**
     * Returns a copy with another connection timeout for the destination.
     *
     * @param seconds the timeout
     * @throws IllegalArgumentException if {@code seconds} is not positive
     */
    public SocksOptions withConnectTimeout(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the connect timeout must be positive, not " + seconds);
        }
        return new SocksOptions(socks4, socks5, credentials, resolver, seconds, maxFieldLength, log);
    }

    /**
     * Returns a copy with another limit on SOCKS4 user ids and SOCKS4a host names; a longer one is refused.
     *
     * @param bytes the limit
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public SocksOptions withMaxFieldLength(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the field length limit must be positive, not " + bytes);
        }
        return new SocksOptions(socks4, socks5, credentials, resolver, connectTimeout, bytes, log);
    }

    /**
     * Returns a copy that writes one line per CONNECT request to {@code log}, flushed at once: the client's
     * address, the version, the destination and the outcome, tab-separated. The caller owns the writer and
     * closes it.
     *
     * @param log where to write, or null for no log
     */
    public SocksOptions withLog(@Nullable Writer log) {
        return new SocksOptions(socks4, socks5, credentials, resolver, connectTimeout, maxFieldLength, log);
    }

    @Override
    public String toString() {
        return "SocksOptions[socks4=" + socks4 + ", socks5=" + socks5 + ", authentication="
                + (credentials != null) + ", connectTimeout=" + connectTimeout + ", maxFieldLength="
                + maxFieldLength + ", log=" + (log != null) + "]";
    }
}
