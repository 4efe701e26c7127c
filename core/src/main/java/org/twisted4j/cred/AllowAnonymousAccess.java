package org.twisted4j.cred;

import java.util.Set;
import org.twisted4j.defer.Deferred;

/**
 * Lets anyone in as {@link Portal#ANONYMOUS} when they offer {@link Anonymous} credentials (Twisted's
 * {@code AllowAnonymousAccess}; {@code --auth anonymous}).
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
public final class AllowAnonymousAccess implements CredentialsChecker {

    /** Makes the checker. */
    public AllowAnonymousAccess() {
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(Anonymous.class);
    }

    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        return Deferred.succeed(Portal.ANONYMOUS);
    }
}
