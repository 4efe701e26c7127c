package org.twisted4j.enterprise;

import java.sql.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Work given a raw JDBC connection, as the function Twisted's {@code runWithConnection} is given. The
 * connection is borrowed from the pool for the call; the work manages transactions itself (the connection
 * comes in auto-commit mode), and must not close it.
 *
 * <h2>Threading</h2>
 * Called on a pool thread, never the reactor's.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface ConnectionWork<T extends @Nullable Object> {

    /**
     * Does the work.
     *
     * @param connection the borrowed connection, valid only during this call
     * @return the result the Deferred fires with
     * @throws Exception anything; the Deferred fails with it
     */
    T run(Connection connection) throws Exception;
}
