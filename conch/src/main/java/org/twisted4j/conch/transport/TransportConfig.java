package org.twisted4j.conch.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The algorithms a transport offers, in order of preference, and its limits. The defaults offer everything this
 * transport speaks, in the order of {@link KexAlgorithm}, {@link CipherAlgorithm} and {@link MacAlgorithm}.
 *
 * <pre>{@code
 * TransportConfig config = new TransportConfig().ciphers(CipherAlgorithm.AES128_GCM).rekeyBytes(1L << 26);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Configure before serving; then read only, from any thread.
 */
public final class TransportConfig {
    /** The default volume after which either side starts a new key exchange: 1 GiB. */
    public static final long DEFAULT_REKEY_BYTES = 1L << 30;
    /** The default time after which a new key exchange starts: one hour. */
    public static final double DEFAULT_REKEY_SECONDS = 3600;
    /**
     * The default compression methods: none first, then OpenSSH's delayed zlib, as {@code sshd} offers them
     * (a client asking for compression, as {@code ssh -C} does, gets it).
     */
    public static final List<CompressionAlgorithm> DEFAULT_COMPRESSION = List.of(CompressionAlgorithm.NONE,
            CompressionAlgorithm.ZLIB_OPENSSH);
    /** The default version comment: {@code SSH-2.0-Twisted4j}. */
    public static final String DEFAULT_VERSION = "SSH-2.0-Twisted4j_0.1";

    private List<KexAlgorithm> kex = List.of(KexAlgorithm.values());
    private List<CipherAlgorithm> ciphers = Arrays.stream(CipherAlgorithm.values())
            .filter(c -> c != CipherAlgorithm.NONE).toList();
    private List<MacAlgorithm> macs = List.of(MacAlgorithm.values());
    private List<CompressionAlgorithm> compression = DEFAULT_COMPRESSION;
    private long rekeyBytes = DEFAULT_REKEY_BYTES;
    private double rekeySeconds = DEFAULT_REKEY_SECONDS;
    private String version = DEFAULT_VERSION;

    /** Makes the default configuration. */
    public TransportConfig() {
    }

    /** Sets the key exchange methods, most preferred first. */
    public TransportConfig kex(KexAlgorithm... methods) {
        kex = List.of(methods);
        return this;
    }

    /** Sets the ciphers, most preferred first. */
    public TransportConfig ciphers(CipherAlgorithm... choices) {
        List<CipherAlgorithm> list = new ArrayList<>(List.of(choices));
        if (list.contains(CipherAlgorithm.NONE)) {
            throw new IllegalArgumentException("the none cipher is never offered");
        }
        ciphers = List.copyOf(list);
        return this;
    }

    /** Sets the MACs, most preferred first. */
    public TransportConfig macs(MacAlgorithm... choices) {
        macs = List.of(choices);
        return this;
    }

    /**
     * Sets the compression methods, most preferred first (for both directions).
     *
     * @throws IllegalArgumentException if none is given
     */
    public TransportConfig compression(CompressionAlgorithm... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("at least one compression method (none) is needed");
        }
        compression = List.of(choices);
        return this;
    }

    /**
     * Sets the volume (octets sent plus received under one set of keys) after which a new key exchange starts.
     *
     * @throws IllegalArgumentException if not positive
     */
    public TransportConfig rekeyBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("rekeyBytes must be positive");
        }
        rekeyBytes = bytes;
        return this;
    }

    /**
     * Sets the time after which a new key exchange starts; 0 for never.
     *
     * @throws IllegalArgumentException if negative
     */
    public TransportConfig rekeySeconds(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("rekeySeconds must not be negative");
        }
        rekeySeconds = seconds;
        return this;
    }

    /**
     * Sets the identification string sent first (without CR LF).
     *
     * @throws IllegalArgumentException if it does not start with {@code SSH-2.0-}
     */
    public TransportConfig version(String identification) {
        if (!Objects.requireNonNull(identification).startsWith("SSH-2.0-") || identification.length() > 253) {
            throw new IllegalArgumentException("identification must start with SSH-2.0-");
        }
        version = identification;
        return this;
    }

    /** Returns the key exchange methods. */
    public List<KexAlgorithm> kex() {
        return kex;
    }

    /** Returns the ciphers. */
    public List<CipherAlgorithm> ciphers() {
        return ciphers;
    }

    /** Returns the MACs. */
    public List<MacAlgorithm> macs() {
        return macs;
    }

    /** Returns the compression methods. */
    public List<CompressionAlgorithm> compression() {
        return compression;
    }

    /** Returns the rekey volume in octets. */
    public long rekeyBytes() {
        return rekeyBytes;
    }

    /** Returns the rekey interval in seconds (0 for never). */
    public double rekeySeconds() {
        return rekeySeconds;
    }

    /** Returns the identification string. */
    public String version() {
        return version;
    }
}
