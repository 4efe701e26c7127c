package org.twisted4j.cred;

import java.util.Objects;

/**
 * What a successful login gives: the avatar interface the realm chose from those asked for, the avatar, and
 * what to run when the user logs out (Twisted's {@code (interface, avatar, logout)} tuple).
 *
 * <h2>Threading</h2>
 * Any thread (immutable); {@link #logout} runs on whatever thread calls it, normally the reactor's.
 *
 * @param avatarInterface the interface the avatar provides, one of those given to {@link Portal#login}
 * @param avatar the avatar: the object the protocol acts on for the user
 * @param logout runs when the session ends; call it once
 */
public record LoginResult(Class<?> avatarInterface, Object avatar, Runnable logout) {

    /** A logout that does nothing. */
    public static final Runnable NO_LOGOUT = () -> { };

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if the avatar does not implement the interface
     */
    public LoginResult {
        Objects.requireNonNull(avatarInterface, "avatarInterface");
        Objects.requireNonNull(avatar, "avatar");
        Objects.requireNonNull(logout, "logout");
        if (!avatarInterface.isInstance(avatar)) {
            throw new IllegalArgumentException("the avatar " + avatar.getClass().getName() + " is not a "
                    + avatarInterface.getName());
        }
    }

    /**
     * Returns the avatar as the given type.
     *
     * @throws ClassCastException if it is not one
     */
    public <T> T avatar(Class<T> type) {
        return type.cast(avatar);
    }
}
