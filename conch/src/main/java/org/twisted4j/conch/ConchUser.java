package org.twisted4j.conch;

import org.jspecify.annotations.Nullable;

/**
 * The avatar of a user logged in over SSH (Twisted's {@code IConchUser}): what the connection protocol asks
 * before it opens a channel for the user. A realm hands it out for the {@code ConchUser} interface.
 *
 * <pre>{@code
 * Realm realm = (id, mind, interfaces) -> Deferred.succeed(
 *         new LoginResult(ConchUser.class, new ProcessUser(id, reactor, home), LoginResult.NO_LOGOUT));
 * }</pre>
 *
 * <p>Forwarding is refused unless the avatar allows it; subsystems are looked up by name in the server's
 * {@link SubsystemRegistry} and then offered to {@link #allowsSubsystem}.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread.
 */
public interface ConchUser {

    /** Returns the user name. */
    String username();

    /**
     * Returns the handler of a new {@code session} channel (RFC 4254 section 6.1), or null to refuse it.
     */
    @Nullable Session openSession();

    /** Whether a {@code direct-tcpip} channel (local forwarding, {@code ssh -L}) to the host and port may open. */
    default boolean allowsDirectTcpip(String host, int port) {
        return false;
    }

    /** Whether a {@code tcpip-forward} request (remote forwarding, {@code ssh -R}) may listen there. */
    default boolean allowsTcpipForward(String address, int port) {
        return false;
    }

    /** Whether the client's SSH agent may be forwarded to its sessions ({@code ssh -A}). */
    default boolean allowsAgentForwarding() {
        return false;
    }

    /**
     * Returns the operating system account this user's sessions run as when it is not the server's own user, so
     * that what the server makes for a session (the forwarded agent's socket and its directory) is given to that
     * account, as sshd does; null (the default) when sessions run as the server's own user.
     */
    default @Nullable UnixAccount sessionAccount() {
        return null;
    }

    /** Whether the named subsystem, found in the server's registry, may start for this user. */
    default boolean allowsSubsystem(String name) {
        return true;
    }
}
