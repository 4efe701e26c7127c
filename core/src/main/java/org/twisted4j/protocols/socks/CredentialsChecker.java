package org.twisted4j.protocols.socks;

import java.util.Objects;
import java.util.function.BiPredicate;
import org.twisted4j.defer.Deferred;

/**
 * Decides whether a SOCKS5 client's user name and password (RFC 1929) are good. A checker that must look
 * elsewhere (a database, a directory) returns a Deferred it fires later; a simple one is made with
 * {@link #of}.
 *
 * <pre>{@code
 * CredentialsChecker checker = CredentialsChecker.of((user, password) -> users.check(user, password));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; the Deferred must fire on the reactor thread (use {@code deferToThread} for
 * blocking checks).
 */
@FunctionalInterface
public interface CredentialsChecker {

    /**
     * Checks one pair.
     *
     * @param user the user name as sent, decoded as UTF-8
     * @param password the password as sent, decoded as UTF-8
     * @return fires with true to accept, false to refuse; a failure refuses too
     */
    Deferred<Boolean> check(String user, String password);

    /**
     * Returns a checker that answers at once with {@code test}.
     *
     * @param test true for a good user name and password
     * @return the checker
     */
    static CredentialsChecker of(BiPredicate<String, String> test) {
        Objects.requireNonNull(test, "test");
        return (user, password) -> Deferred.succeed(test.test(user, password));
    }
}
