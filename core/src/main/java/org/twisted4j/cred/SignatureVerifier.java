package org.twisted4j.cred;

/**
 * Verifies an SSH public key signature (RFC 4252 section 7) for {@link SSHPublicKeyChecker}.
 * {@link SSHSignatureVerifier} knows the usual key types; {@link #REFUSE_ALL} refuses every signature.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread.
 */
@FunctionalInterface
public interface SignatureVerifier {

    /** Refuses every signature: the checker then only answers whether a key would be accepted. */
    SignatureVerifier REFUSE_ALL = (algorithm, blob, data, signature) -> false;

    /**
     * Whether {@code signature} is a valid signature of {@code data} by the key {@code blob}.
     *
     * @param algorithm the public key algorithm the client named, such as {@code rsa-sha2-256}
     * @param blob the public key in SSH wire form
     * @param data the signed data
     * @param signature the signature in SSH wire form
     * @return whether it verifies
     */
    boolean verify(String algorithm, byte[] blob, byte[] data, byte[] signature);
}
