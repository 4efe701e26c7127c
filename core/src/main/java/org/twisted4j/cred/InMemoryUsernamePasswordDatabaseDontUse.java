package org.twisted4j.cred;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.twisted4j.defer.Deferred;

/**
 * User names and passwords in clear, held in memory (Twisted's {@code InMemoryUsernamePasswordDatabaseDontUse},
 * whose name warns that clear-text passwords belong in tests and examples only; {@code --auth memory:u:p}).
 * {@link InMemoryPasswords} is the same with a shorter name.
 *
 * <pre>{@code
 * var users = new InMemoryUsernamePasswordDatabaseDontUse();
 * users.addUser("alice", "secret");
 * }</pre>
 *
 * <p>Checks {@link UsernamePassword} and {@link UsernameHashedPassword}; the avatar id is the user name. An
 * unknown user and a wrong password fail alike with {@link UnauthorizedLogin}.
 *
 * <h2>Threading</h2>
 * Reactor thread only (users may be added while it serves).
 */
public sealed class InMemoryUsernamePasswordDatabaseDontUse implements CredentialsChecker permits InMemoryPasswords {

    private final Map<String, String> users = new LinkedHashMap<>();

    /** Makes an empty database. */
    public InMemoryUsernamePasswordDatabaseDontUse() {
    }

    /** Makes a database holding the given users and passwords. */
    public InMemoryUsernamePasswordDatabaseDontUse(Map<String, String> users) {
        users.forEach(this::addUser);
    }

    /** Adds a user, or changes the password of one already there. */
    public final void addUser(String username, String password) {
        users.put(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
    }

    /** Returns the user names. */
    public final Set<String> usernames() {
        return Set.copyOf(users.keySet());
    }

    @Override
    public final Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(UsernamePassword.class, UsernameHashedPassword.class);
    }

    @Override
    public final Deferred<String> requestAvatarId(Credentials credentials) {
        String username = switch (credentials) {
            case UsernamePassword c -> c.username();
            case UsernameHashedPassword c -> c.username();
            default -> null;
        };
        String password = username == null ? null : users.get(username);
        if (password == null) {
            return Deferred.fail(new UnauthorizedLogin());
        }
        boolean matched = switch (credentials) {
            case UsernamePassword c -> c.checkPassword(password);
            case UsernameHashedPassword c -> c.checkPassword(password);
            default -> false;
        };
        return matched ? Deferred.succeed(username) : Deferred.fail(new UnauthorizedLogin());
    }
}
