package org.twisted4j.cred;

import java.util.Set;
import org.twisted4j.defer.Deferred;

/**
 * Checks credentials of some kinds and says whose they are (Twisted's {@code ICredentialsChecker}).
 *
 * <pre>{@code
 * CredentialsChecker checker = new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "secret"));
 * checker.requestAvatarId(UsernamePassword.of("alice", "secret"))   // fires with "alice"
 * }</pre>
 *
 * <h2>Contract</h2>
 * {@link #requestAvatarId} fires with the avatar id (usually the user name, or {@link Portal#ANONYMOUS}) or
 * fails with {@link UnauthorizedLogin} when the credentials are wrong. It should not throw; a {@link Portal}
 * turns what it throws into a failure all the same. A checker that reads files or databases does that work
 * where its documentation says (the ones in this package read small files on the calling thread).
 *
 * <h2>Threading</h2>
 * Called on the reactor thread by a {@link Portal}; implementations say if they may be called from others.
 */
public interface CredentialsChecker {

    /** Returns the kinds of credentials this checker understands: interfaces extending {@link Credentials}. */
    Set<Class<? extends Credentials>> credentialInterfaces();

    /**
     * Checks the credentials.
     *
     * @param credentials credentials of one of the {@link #credentialInterfaces()}
     * @return a Deferred firing with the avatar id, or failing with {@link UnauthorizedLogin}
     */
    Deferred<String> requestAvatarId(Credentials credentials);
}
