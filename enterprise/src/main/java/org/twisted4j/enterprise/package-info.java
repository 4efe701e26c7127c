/**
 * Database access from reactor code, in the manner of twisted.enterprise.adbapi: a {@link
 * org.twisted4j.enterprise.ConnectionPool} runs JDBC calls on virtual threads, at most one per pooled
 * connection, and answers with Deferreds fired on the reactor thread.
 *
 * <pre>{@code
 * ConnectionPool pool = ConnectionPool.builder().url("jdbc:postgresql://127.0.0.1/app").user("app").build(reactor);
 * pool.runQuery("SELECT name FROM guest WHERE id = ?", id)
 *     .addCallback(rows -> rows.isEmpty() ? "nobody" : rows.get(0).getString("name"));
 * }</pre>
 *
 * <h2>Why HikariCP and H2</h2>
 * Pooling JDBC connections well (validation, eviction of broken connections, leak detection, metrics) is a
 * solved problem, and HikariCP is the field's standard pool; this package adds only what the reactor needs
 * on top: Deferreds, a bounded wait queue instead of blocked threads, cancellation, streaming with
 * back-pressure, and Twisted's {@code cp_*} options. H2 is the embedded default so that a program runs with
 * no database installed; any JDBC driver on the class path works (tested: H2, SQLite, PostgreSQL).
 *
 * <h2>Threading</h2>
 * {@code ConnectionPool} and {@code RowConsumer}: reactor thread only. {@code Interaction},
 * {@code ConnectionWork}, {@code ConnectionInitializer} and {@code Transaction}: the pool thread running the
 * call. {@code Row}: any thread.
 */
@NullMarked
package org.twisted4j.enterprise;

import org.jspecify.annotations.NullMarked;
