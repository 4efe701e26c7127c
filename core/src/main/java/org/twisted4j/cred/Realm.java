package org.twisted4j.cred;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Makes the avatar of a user who has logged in (Twisted's {@code IRealm}): the application's side of a
 * {@link Portal}. The protocol asks for the avatar interfaces it can use; the realm picks one it supports.
 *
 * <pre>{@code
 * Realm realm = (avatarId, mind, interfaces) -> {
 *     for (Class<?> wanted : interfaces) {
 *         if (wanted == Mailbox.class) {
 *             return Deferred.succeed(new LoginResult(Mailbox.class, mailboxOf(avatarId), LoginResult.NO_LOGOUT));
 *         }
 *     }
 *     return Deferred.fail(new UnsupportedOperationException("no supported avatar interface"));
 * };
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on the reactor thread by a {@link Portal}.
 */
@FunctionalInterface
public interface Realm {

    /**
     * Returns the avatar for a user.
     *
     * @param avatarId who logged in, as the checker said; {@link Portal#isAnonymous} tells the anonymous one
     * @param mind the protocol's object for the client side (PB's remote reference), or null
     * @param interfaces the avatar interfaces the caller can use, most preferred first
     * @return a Deferred firing with the result, or failing (for instance with {@link LoginDenied})
     */
    Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces);
}
