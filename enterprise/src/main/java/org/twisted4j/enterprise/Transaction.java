package org.twisted4j.enterprise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The transaction an {@link Interaction} runs in, as Twisted's {@code adbapi.Transaction} (its cursor): one
 * connection with auto-commit off, and calls that bind every argument as a statement parameter, so that no
 * value can change the SQL. The pool commits when the interaction returns and rolls back when it throws.
 *
 * <pre>{@code
 * pool.runInteraction(txn -> {
 *     List<Row> keys = txn.insert("INSERT INTO guest(name) VALUES (?)", name);
 *     txn.batch("INSERT INTO tag(guest, tag) VALUES (?, ?)", List.of(List.of(id, "a"), List.of(id, "b")));
 *     return keys.get(0).getLong(0);
 * });
 * }</pre>
 *
 * <h2>Threading</h2>
 * The pool thread running the interaction only, and only during the interaction.
 *
 * <h2>Cancelling and timeouts</h2>
 * Cancelling the Deferred of the interaction cancels the statement running at the time
 * ({@link Statement#cancel}) and any statement started afterwards; every statement gets the pool's query
 * timeout unless {@link #setQueryTimeout} changed it.
 */
public final class Transaction {
    private final Connection connection;
    private final Job<?> job;
    private int timeoutSeconds;

    Transaction(Connection connection, Job<?> job, int timeoutSeconds) {
        this.connection = connection;
        this.job = job;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Runs a query and reads all its rows.
     *
     * @param sql the query, with {@code ?} for each argument
     * @param args the arguments, bound in order with {@link PreparedStatement#setObject}
     * @return the rows, in the order the database gave them
     * @throws SQLException if the database refuses it, or the call was cancelled
     */
    public List<Row> query(String sql, @Nullable Object... args) throws SQLException {
        return query(connection, job, timeoutSeconds, sql, args);
    }

    /**
     * Runs a statement that returns no rows (INSERT, UPDATE, DELETE, DDL).
     *
     * @return how many rows it changed (0 for DDL)
     * @throws SQLException if the database refuses it, or the call was cancelled
     */
    public int execute(String sql, @Nullable Object... args) throws SQLException {
        return execute(connection, job, timeoutSeconds, sql, args);
    }

    /**
     * Runs one statement once for each list of arguments, as a JDBC batch.
     *
     * @param argumentLists one list of arguments per execution
     * @return the update count of each execution ({@link Statement#SUCCESS_NO_INFO} where the driver does not say)
     * @throws SQLException if the database refuses it ({@link java.sql.BatchUpdateException} says which), or the
     *     call was cancelled
     */
    public int[] batch(String sql, List<? extends List<?>> argumentLists) throws SQLException {
        return batch(connection, job, timeoutSeconds, sql, argumentLists);
    }

    /**
     * Runs an INSERT and returns the keys the database generated for the new rows (identity, serial or
     * auto-increment columns), as {@link Statement#getGeneratedKeys} gives them.
     *
     * @return one row of keys per inserted row
     * @throws SQLException if the database refuses it, or the call was cancelled
     */
    public List<Row> insert(String sql, @Nullable Object... args) throws SQLException {
        return insert(connection, job, timeoutSeconds, sql, args);
    }

    /**
     * Sets the query timeout of the statements this transaction runs from now on; JDBC counts it in whole
     * seconds, so it is rounded up. Zero means none.
     */
    public void setQueryTimeout(Duration timeout) {
        timeoutSeconds = seconds(timeout);
    }

    /**
     * Returns the connection itself, for what the calls here do not cover (stored procedures, savepoints, a
     * driver's own API). Do not close it, commit or roll back: the pool does that. Statements made on it
     * directly are not cancelled when the Deferred is.
     */
    public Connection connection() {
        return connection;
    }

    static int seconds(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    static List<Row> query(Connection connection, Job<?> job, int timeout, String sql, @Nullable Object[] args)
            throws SQLException {
        try (PreparedStatement statement = job.track(connection.prepareStatement(sql))) {
            try {
                statement.setQueryTimeout(timeout);
                Parameters.bind(statement, args);
                try (ResultSet results = statement.executeQuery()) {
                    return readAll(results);
                }
            } finally {
                job.untrack(statement);
            }
        }
    }

    static int execute(Connection connection, Job<?> job, int timeout, String sql, @Nullable Object[] args)
            throws SQLException {
        try (PreparedStatement statement = job.track(connection.prepareStatement(sql))) {
            try {
                statement.setQueryTimeout(timeout);
                Parameters.bind(statement, args);
                return statement.executeUpdate();
            } finally {
                job.untrack(statement);
            }
        }
    }

    static int[] batch(Connection connection, Job<?> job, int timeout, String sql, List<? extends List<?>> argumentLists)
            throws SQLException {
        try (PreparedStatement statement = job.track(connection.prepareStatement(sql))) {
            try {
                statement.setQueryTimeout(timeout);
                for (List<?> args : argumentLists) {
                    Parameters.bind(statement, args);
                    statement.addBatch();
                }
                return statement.executeBatch();
            } finally {
                job.untrack(statement);
            }
        }
    }

    static List<Row> insert(Connection connection, Job<?> job, int timeout, String sql, @Nullable Object[] args)
            throws SQLException {
        try (PreparedStatement statement = job.track(connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS))) {
            try {
                statement.setQueryTimeout(timeout);
                Parameters.bind(statement, args);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    return readAll(keys);
                }
            } finally {
                job.untrack(statement);
            }
        }
    }

    private static List<Row> readAll(ResultSet results) throws SQLException {
        Columns columns = Columns.of(results.getMetaData());
        List<Row> rows = new ArrayList<>();
        while (results.next()) {
            rows.add(Row.read(columns, results));
        }
        return rows;
    }
}
