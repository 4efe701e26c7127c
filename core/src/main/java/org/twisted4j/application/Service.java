package org.twisted4j.application;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * Something that is started and stopped with the program, as Twisted's {@code IService}: a server, a
 * client connection, a periodic job, or a {@link MultiService} of them.
 *
 * <h2>Using it</h2>
 * Extend {@link AbstractService}, which keeps the bookkeeping (name, parent, running), and override
 * {@link #startService()} and {@link #stopService()}, calling the inherited versions:
 * <pre>{@code
 * final class Heartbeat extends AbstractService {
 *     @Override
 *     public void startService() {
 *         super.startService();
 *         ...open what the service needs...
 *     }
 *     @Override
 *     public Deferred<@Nullable Void> stopService() {
 *         super.stopService();
 *         return closeEverything();     // fires when the service has really stopped
 *     }
 * }
 * new Heartbeat().setServiceParent(application);
 * }</pre>
 *
 * <h2>Life cycle</h2>
 * {@link #privilegedStartService()} comes first, for work that needs the privileges a program may give up
 * once started (binding a low port); then {@link #startService()}; at the end {@link #stopService()},
 * whose Deferred tells when stopping has finished. A parent calls these on its children; a service added to
 * a parent that is already running is started at once.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface Service {

    /** Returns this service's name, or null if it has none; a parent finds named children by it. */
    @Nullable String name();

    /**
     * Names this service, or clears its name with null.
     *
     * @param name the new name
     * @throws IllegalStateException if this service has a parent (its name is registered there)
     */
    void setName(@Nullable String name);

    /** Returns the collection this service belongs to, or null if it has none. */
    @Nullable MultiService parent();

    /** Returns whether this service has been started and not stopped since. */
    boolean isRunning();

    /**
     * Adds this service to {@code parent}, leaving its current parent first if it has one (without
     * waiting for it to stop there). If {@code parent} is running, this service is started.
     *
     * @param parent the new parent
     * @throws IllegalArgumentException if {@code parent} already has a child with this service's name; this
     *     service then has no parent
     */
    void setServiceParent(MultiService parent);

    /**
     * Removes this service from its parent; if the parent is running, this service is stopped.
     *
     * @return fires when this service has stopped (at once if it was not running)
     * @throws IllegalStateException if this service has no parent
     */
    Deferred<@Nullable Void> disownServiceParent();

    /**
     * Does the part of starting that needs privileges the program may give up afterwards, such as binding
     * a port below 1024. Called before {@link #startService()}; does nothing by default.
     */
    void privilegedStartService();

    /** Starts the service; it is running from now on. */
    void startService();

    /**
     * Stops the service; it is not running from now on, or from when the returned Deferred fires.
     *
     * @return fires with null once the service has finished stopping (closed its ports, its connections,
     *     its pending work); a parent, and a reactor shutting down, wait for it
     */
    Deferred<@Nullable Void> stopService();
}
