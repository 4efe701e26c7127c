package org.twisted4j.internet.ssl;

import org.jspecify.annotations.Nullable;

/**
 * Keys or certificates could not be loaded or do not fit together. The message names the source (usually
 * a file) and what is wrong with it; {@link #kind()} says the same for code.
 *
 * <pre>{@code
 * try {
 *     PrivateCertificate server = PrivateCertificate.load(keyFile, certFile, password);
 * } catch (CertificateError e) {
 *     if (e.kind() == CertificateError.Kind.WRONG_PASSWORD) { askAgain(); }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class CertificateError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for code that wants to react to one case. */
    public enum Kind {
        /** The source could not be read at all (missing file, no permission). */
        UNREADABLE,
        /** The source is in no format recognised: not PEM (nor a DER certificate), or not a key store. */
        NOT_PEM,
        /** The source is PEM (or a key store) but holds no private key. */
        NO_KEY,
        /** The source is PEM (or a key store) but holds no certificate. */
        NO_CERTIFICATE,
        /** The key's kind or algorithm is not one this JDK and this package handle. */
        UNSUPPORTED_KEY,
        /** The encoded key or certificate is damaged. */
        MALFORMED,
        /** The key is encrypted and no password was given. */
        PASSWORD_REQUIRED,
        /** The password given does not decrypt the key or open the key store. */
        WRONG_PASSWORD,
        /** The private key does not belong to the certificate's public key. */
        KEY_MISMATCH
    }

    /** @serial what went wrong */
    private final Kind kind;
    /** @serial the file or description of where the material came from */
    private final String source;

    /**
     * Creates the error.
     *
     * @param kind what went wrong
     * @param source the file name or description of where the material came from
     * @param problem a short description of the problem, which becomes part of the message
     * @param cause the underlying exception, or {@code null}
     */
    public CertificateError(Kind kind, String source, String problem, @Nullable Throwable cause) {
        super(source + ": " + problem, cause);
        this.kind = kind;
        this.source = source;
    }

    /**
     * Creates the error without an underlying exception.
     *
     * @param kind what went wrong
     * @param source the file name or description of where the material came from
     * @param problem a short description of the problem, which becomes part of the message
     */
    public CertificateError(Kind kind, String source, String problem) {
        this(kind, source, problem, null);
    }

    /** Returns what went wrong. */
    public Kind kind() {
        return kind;
    }

    /** Returns the file name or description of where the key or certificate came from. */
    public String source() {
        return source;
    }
}
