package org.twisted4j.cred;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;

/**
 * Where a protocol logs users in (Twisted's {@code twisted.cred.portal.Portal}): it hands the credentials to
 * the {@link CredentialsChecker} registered for their kind, and the avatar id the checker gives to the
 * {@link Realm}, which makes the avatar.
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "secret")));
 * portal.login(UsernamePassword.of("alice", "secret"), null, Mailbox.class)
 *     .addCallback(result -> { session.start(result.avatar(Mailbox.class), result.logout()); return null; })
 *     .addErrback(failure -> { failure.trap(LoginFailed.class); replyDenied(); return null; });
 * }</pre>
 *
 * <h2>Which checker</h2>
 * A checker is registered for each of its {@link CredentialsChecker#credentialInterfaces()} (or the ones given to
 * {@link #registerChecker(CredentialsChecker, Collection)}); a later registration for the same interface replaces
 * the earlier one. A login uses the first interface, in registration order, that the credentials implement.
 *
 * <h2>Errors</h2>
 * {@link #login} fails with {@link UnhandledCredentials} when no checker takes the credentials, with what the
 * checker fails with (normally {@link UnauthorizedLogin}), or with what the realm fails with. A failed login is
 * logged at info level with the user name and the reason, never the password.
 *
 * <h2>Threading</h2>
 * Reactor thread only: register checkers before serving, then log in from the reactor thread.
 */
public final class Portal {

    /**
     * The avatar id of an anonymous login (Twisted's {@code checkers.ANONYMOUS}): a string that is distinct from
     * every user name, including an equal-looking one, so test it with {@link #isAnonymous}, not {@code equals}.
     */
    public static final String ANONYMOUS = new String("<anonymous>");

    private static final Logger LOG = Logger.forClass(Portal.class);

    private final Realm realm;
    private final Map<Class<? extends Credentials>, CredentialsChecker> checkers = new LinkedHashMap<>();

    /**
     * Makes a portal.
     *
     * @param realm makes the avatars
     * @param checkers checkers registered for their own credential interfaces, in order
     */
    public Portal(Realm realm, CredentialsChecker... checkers) {
        this.realm = Objects.requireNonNull(realm, "realm");
        for (CredentialsChecker checker : checkers) {
            registerChecker(checker);
        }
    }

    /** Whether an avatar id is {@link #ANONYMOUS} (compared by identity). */
    public static boolean isAnonymous(@Nullable String avatarId) {
        return avatarId == ANONYMOUS;
    }

    /**
     * Registers a checker for its own {@link CredentialsChecker#credentialInterfaces()}.
     *
     * @param checker the checker
     */
    public void registerChecker(CredentialsChecker checker) {
        registerChecker(checker, checker.credentialInterfaces());
    }

    /**
     * Registers a checker for the given credential interfaces.
     *
     * @param checker the checker
     * @param interfaces the kinds of credentials it should check
     */
    public void registerChecker(CredentialsChecker checker, Collection<Class<? extends Credentials>> interfaces) {
        Objects.requireNonNull(checker, "checker");
        for (Class<? extends Credentials> kind : interfaces) {
            checkers.put(Objects.requireNonNull(kind, "interface"), checker);
        }
    }

    /** Returns the credential interfaces some checker is registered for, in registration order. */
    public List<Class<? extends Credentials>> listCredentialsInterfaces() {
        return List.copyOf(checkers.keySet());
    }

    /**
     * Logs a user in.
     *
     * @param credentials what the client offered
     * @param mind the protocol's object for the client side, or null
     * @param interfaces the avatar interfaces the caller can use, most preferred first
     * @return a Deferred firing with the realm's {@link LoginResult}, or failing with a {@link LoginFailed}
     *     (or what the realm failed with)
     */
    public Deferred<LoginResult> login(Credentials credentials, @Nullable Object mind, Class<?>... interfaces) {
        Objects.requireNonNull(credentials, "credentials");
        for (Map.Entry<Class<? extends Credentials>, CredentialsChecker> entry : checkers.entrySet()) {
            if (entry.getKey().isInstance(credentials)) {
                CredentialsChecker checker = entry.getValue();
                Deferred<String> avatarId = Deferred.maybeDeferred(() -> checker.requestAvatarId(credentials));
                return avatarId.addErrback(failure -> logFailure(credentials, failure))
                        .addCallbackDeferred(id -> realm.requestAvatar(id, mind, interfaces.clone()));
            }
        }
        List<String> names = new ArrayList<>();
        for (Class<?> kind : interfacesOf(credentials.getClass())) {
            names.add(kind.getName());
        }
        return Deferred.fail(new UnhandledCredentials("No checker for " + String.join(", ", names)));
    }

    private static String logFailure(Credentials credentials, Failure failure) {
        if (failure.check(LoginFailed.class) != null) {
            LOG.info("Login failed for {username}: {reason}", "username", usernameOf(credentials),
                    "reason", String.valueOf(failure.value().getMessage()));
        }
        throw failure.raise();
    }

    /** The user name the credentials claim, for the log, or a description of their kind. */
    static String usernameOf(Credentials credentials) {
        return switch (credentials) {
            case UsernamePassword c -> c.username();
            case UsernameHashedPassword c -> c.username();
            case SSHPrivateKey c -> c.username();
            case Anonymous c -> "(anonymous)";
            default -> "(" + credentials.getClass().getSimpleName() + ")";
        };
    }

    private static List<Class<?>> interfacesOf(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                addWithParents(i, found);
            }
        }
        if (found.isEmpty()) {
            found.add(type);
        }
        return found;
    }

    private static void addWithParents(Class<?> iface, List<Class<?>> found) {
        if (!found.contains(iface)) {
            found.add(iface);
            for (Class<?> parent : iface.getInterfaces()) {
                addWithParents(parent, found);
            }
        }
    }
}
