package org.twisted4j.application;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * The usual base of a {@link Service}, as Twisted's {@code Service} class: it keeps the name, the parent
 * and the running flag, and starts and stops nothing itself.
 *
 * <p>Subclasses override {@link #startService()} and {@link #stopService()} and call the versions here,
 * which set the running flag; one that finishes stopping later can use {@link #setRunning} from its
 * Deferred instead. See {@link Service} for an example.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class AbstractService implements Service {

    private @Nullable String name;
    private @Nullable MultiService parent;
    private boolean running;

    /** For subclasses; the service starts with no name, no parent, not running. */
    protected AbstractService() {
    }

    @Override
    public final @Nullable String name() {
        return name;
    }

    /**
     * Names this service, or clears its name with null.
     *
     * @throws IllegalStateException if this service has a parent
     */
    @Override
    public void setName(@Nullable String name) {
        if (parent != null) {
            throw new IllegalStateException("cannot rename " + this + " while it has a parent");
        }
        this.name = name;
    }

    @Override
    public final @Nullable MultiService parent() {
        return parent;
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    /**
     * Sets the running flag; for subclasses whose start or stop completes later.
     *
     * @param running whether the service now counts as running
     */
    protected final void setRunning(boolean running) {
        this.running = running;
    }

    /**
     * Adds this service to {@code parent}, leaving its current parent first.
     *
     * @throws IllegalArgumentException if {@code parent} already has a child with this service's name, or
     *     is this service itself
     */
    @Override
    public void setServiceParent(MultiService parent) {
        Objects.requireNonNull(parent, "parent");
        if (parent == this) {
            throw new IllegalArgumentException("a service cannot be its own parent");
        }
        if (this.parent != null) {
            disownServiceParent();
        }
        this.parent = parent;
        try {
            parent.addService(this);
        } catch (RuntimeException e) {
            this.parent = null;
            throw e;
        }
    }

    /**
     * Removes this service from its parent, stopping it if the parent is running.
     *
     * @throws IllegalStateException if this service has no parent
     */
    @Override
    public Deferred<@Nullable Void> disownServiceParent() {
        MultiService current = parent;
        if (current == null) {
            throw new IllegalStateException(this + " has no parent");
        }
        Deferred<@Nullable Void> stopped = current.removeService(this);
        parent = null;
        return stopped;
    }

    /** Does nothing; override for work that needs privileges. */
    @Override
    public void privilegedStartService() {
    }

    /** Marks the service running. */
    @Override
    public void startService() {
        running = true;
    }

    /**
     * Marks the service stopped.
     *
     * @return a Deferred already fired with null
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        running = false;
        return Deferred.succeed(null);
    }

    @Override
    public String toString() {
        String simpleName = getClass().getSimpleName();
        return (simpleName.isEmpty() ? "Service" : simpleName) + (name == null ? "" : "[" + name + "]");
    }
}
