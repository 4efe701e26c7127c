package org.twisted4j.conch.keys;

import java.io.Serial;

/**
 * A private key that is encrypted and no passphrase was given, or the passphrase given does not decrypt it (as
 * Twisted's {@code EncryptedKeyError}, and its {@code BadKeyError} for a wrong passphrase).
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 */
public final class EncryptedKeyException extends BadKeyException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public EncryptedKeyException(String message) {
        super(message);
    }
}
