package org.twisted4j.conch.transport;

import org.twisted4j.defer.Deferred;

/**
 * Decides whether a client trusts the server's host key (Twisted's {@code verifyHostKey}); the signature over
 * the exchange hash has already been checked when it is asked. A verifier that must ask someone (a user at a
 * terminal, as {@code known_hosts} checking does for an unknown key) overrides {@link #check} and answers later;
 * the transport handles no packet until it has.
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

    /**
     * Decides, possibly later, whether the key is trusted: the transport asks this on the first key exchange.
     * The default answers {@link #verify} at once.
     *
     * @param blob the host key in SSH wire form
     * @param address the server's address, as the transport reports it
     * @return fires with whether the key is trusted; a failure refuses the key, and its exception says why
     */
    default Deferred<Boolean> check(byte[] blob, String address) {
        return Deferred.succeed(verify(blob, address));
    }
}
