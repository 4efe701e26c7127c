package org.twisted4j.enterprise;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Prepares each new physical connection before the pool first hands it out, as Twisted's {@code cp_openfun}:
 * session settings, a search path, a pragma.
 *
 * <pre>{@code
 * ConnectionPool.builder().url("jdbc:sqlite:" + file)
 *         .openFun(c -> { try (var s = c.createStatement()) { s.execute("PRAGMA foreign_keys = ON"); } })
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on a pool thread (or one of HikariCP's), never the reactor's.
 */
@FunctionalInterface
public interface ConnectionInitializer {

    /**
     * Prepares {@code connection}.
     *
     * @param connection the new connection
     * @throws SQLException if it cannot be prepared; the connection is then discarded
     */
    void initialize(Connection connection) throws SQLException;
}
