package org.twisted4j.cred;

import java.util.Map;

/**
 * {@link InMemoryUsernamePasswordDatabaseDontUse} under a shorter name; the same warning holds: clear-text
 * passwords in memory are for tests and examples.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class InMemoryPasswords extends InMemoryUsernamePasswordDatabaseDontUse {

    /** Makes an empty database. */
    public InMemoryPasswords() {
    }

    /** Makes a database holding the given users and passwords. */
    public InMemoryPasswords(Map<String, String> users) {
        super(users);
    }
}
