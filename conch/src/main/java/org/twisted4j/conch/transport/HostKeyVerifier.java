package org.twisted4j.conch.transport;

/**
 * Decides whether a client trusts the server's host key (Twisted's {@code verifyHostKey}); the signature over
 * the exchange hash has already been checked when it is asked.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread.
 */
@FunctionalInterface
public interface HostKeyVerifier {

    /** A verifier that trusts every key: for tests only. */
    HostKeyVerifier TRUST_ANY = (blob, address) -> true;

    /**
     * Returns whether the key is trusted.
     *
     * @param blob the host key in SSH wire form
     * @param address the server's address, as the transport reports it
     */
    boolean verify(byte[] blob, String address);
}
