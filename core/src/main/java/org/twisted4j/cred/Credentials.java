package org.twisted4j.cred;

/**
 * Something a client offers to prove who it is: the marker every kind of credentials extends (Twisted's
 * {@code ICredentials}). A {@link Portal} picks the {@link CredentialsChecker} by the credentials' interfaces:
 * {@link UsernamePassword}, {@link UsernameHashedPassword}, {@link Anonymous}, {@link SSHPrivateKey}...
 *
 * <p>Implementations must not show a password or other secret in {@code toString()}: credentials end up in
 * logs.
 *
 * <h2>Threading</h2>
 * Implementations in this package are immutable (any thread) unless they say otherwise.
 */
public interface Credentials {
}
