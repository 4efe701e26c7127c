package org.twisted4j.cred.crypt;

import java.util.Optional;

/**
 * Recognises a stored password hash by its prefix and checks a password against it: bcrypt
 * ({@code $2a$ $2b$ $2y$}), SHA-512-crypt ({@code $6$}), SHA-256-crypt ({@code $5$}), yescrypt ({@code $y$}, the
 * default of recent Debian and Fedora), scrypt ({@code $7$}) and {@code {SSHA}}.
 *
 * <pre>{@code
 * if (CryptHashes.kind(stored).isPresent()) {
 *     ok = CryptHashes.verify(password, stored);
 * }
 * }</pre>
 *
 * <p>Not recognised (so {@link #kind} is empty): DES crypt, MD5-crypt ({@code $1$}) and GOST yescrypt
 * ({@code $gy$}).
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class CryptHashes {

    /** The hash formats this package reads. */
    public enum Kind {
        /** {@link BCrypt}. */
        BCRYPT,
        /** {@link Sha512Crypt}. */
        SHA512_CRYPT,
        /** {@link Sha256Crypt}. */
        SHA256_CRYPT,
        /** {@link Ssha}. */
        SSHA,
        /** {@link Yescrypt}, {@code $y$}. */
        YESCRYPT,
        /** Classic scrypt, {@code $7$}, also by {@link Yescrypt}. */
        SCRYPT
    }

    private CryptHashes() {
    }

    /** Returns the format the stored value announces by its prefix, or empty if none of this package's. */
    public static Optional<Kind> kind(String stored) {
        if (BCrypt.recognises(stored)) {
            return Optional.of(Kind.BCRYPT);
        } else if (Sha512Crypt.recognises(stored)) {
            return Optional.of(Kind.SHA512_CRYPT);
        } else if (Sha256Crypt.recognises(stored)) {
            return Optional.of(Kind.SHA256_CRYPT);
        } else if (Ssha.recognises(stored)) {
            return Optional.of(Kind.SSHA);
        } else if (stored.startsWith(Yescrypt.PREFIX)) {
            return Optional.of(Kind.YESCRYPT);
        } else if (stored.startsWith(Yescrypt.SCRYPT_PREFIX)) {
            return Optional.of(Kind.SCRYPT);
        }
        return Optional.empty();
    }

    /**
     * Whether the password matches the stored hash.
     *
     * @throws MalformedHashException if the stored value is not a well-formed hash of a recognised kind
     */
    public static boolean verify(String password, String stored) {
        Kind kind = kind(stored).orElseThrow(() -> new MalformedHashException("not a recognised password hash"));
        return switch (kind) {
            case BCRYPT -> BCrypt.verify(password, stored);
            case SHA512_CRYPT -> Sha512Crypt.verify(password, stored);
            case SHA256_CRYPT -> Sha256Crypt.verify(password, stored);
            case SSHA -> Ssha.verify(password, stored);
            case YESCRYPT, SCRYPT -> Yescrypt.verify(password, stored);
        };
    }
}
