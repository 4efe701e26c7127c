package org.twisted4j.enterprise;

import org.jspecify.annotations.Nullable;

/**
 * Work done inside one database transaction, as the function Twisted's {@code runInteraction} is given: it
 * runs on a thread of the pool, never the reactor's, and gets a {@link Transaction} bound to one connection.
 * Returning commits the transaction; throwing rolls it back and fails the Deferred with what was thrown.
 *
 * <pre>{@code
 * pool.runInteraction(txn -> {
 *     txn.execute("UPDATE account SET balance = balance - ? WHERE id = ?", amount, from);
 *     txn.execute("UPDATE account SET balance = balance + ? WHERE id = ?", amount, to);
 *     return txn.query("SELECT balance FROM account WHERE id = ?", from).get(0).getLong(0);
 * });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on a pool thread; it must not touch protocols or transports (hand results back through the
 * Deferred instead).
 *
 * @param <T> what the interaction returns
 */
@FunctionalInterface
public interface Interaction<T extends @Nullable Object> {

    /**
     * Does the work.
     *
     * @param transaction the transaction, valid only during this call
     * @return the result the Deferred fires with
     * @throws Exception anything; the transaction is rolled back and the Deferred fails with it
     */
    T run(Transaction transaction) throws Exception;
}
