package org.twisted4j.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.DeferredList;
import org.twisted4j.logger.Logger;

/**
 * A service made of child services, as Twisted's {@code MultiService} (with {@code IServiceCollection}):
 * starting it starts the children in the order they were added; stopping it stops them in reverse order
 * and finishes when every one of them has.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * MultiService server = new MultiService();
 * web.setServiceParent(server);             // children join through setServiceParent
 * metrics.setName("metrics");
 * metrics.setServiceParent(server);
 * server.getServiceNamed("metrics");        // named children can be found again
 * server.startService();                    // web, then metrics
 * server.stopService()                      // metrics, then web; fires when both have stopped
 *     .addCallback(ignored -> { log.info("stopped"); return null; });
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Two children cannot have the same name; children without a name are not limited.</li>
 *   <li>A child added while this service runs is started at once ({@code privilegedStartService}, then
 *       {@code startService}); a child removed while it runs is stopped, and
 *       {@link Service#disownServiceParent()} returns that stop's Deferred.</li>
 *   <li>Stopping asks every child to stop without waiting for one before asking the next; the returned
 *       Deferred fires once all have finished. A child whose stop fails (throws, or its Deferred fails) is
 *       logged and does not keep the others from stopping or the Deferred from firing.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class MultiService extends AbstractService implements Iterable<Service> {
    private static final Logger LOG = Logger.forClass(MultiService.class);

    private final List<Service> services = new ArrayList<>();
    private final Map<String, Service> namedServices = new HashMap<>();

    /** Creates an empty collection with no name, not running. */
    public MultiService() {
    }

    /** Calls every child's {@code privilegedStartService}, in order. */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        for (Service service : List.copyOf(services)) {
            service.privilegedStartService();
        }
    }

    /** Marks this service running and starts every child, in order. An exception from a child is thrown on. */
    @Override
    public void startService() {
        super.startService();
        for (Service service : List.copyOf(services)) {
            service.startService();
        }
    }

    /**
     * Marks this service stopped and stops every child, last added first.
     *
     * @return fires with null once every child's stop has finished, whether it succeeded or failed
     */
    @Override
    public Deferred<@Nullable Void> stopService() {
        super.stopService();
        List<Service> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        List<Deferred<@Nullable Object>> stops = new ArrayList<>(reversed.size());
        for (Service service : reversed) {
            Deferred<@Nullable Object> stopped = Deferred.maybeDeferred(service::stopService);
            stops.add(stopped.addErrback(failure -> {
                LOG.failure("stopping {service} failed", failure, "service", service);
                return null;
            }));
        }
        return DeferredList.of(stops).addCallback(results -> null);
    }

    /**
     * Returns the child named {@code name}.
     *
     * @param name the name to look for
     * @return the child
     * @throws NoSuchElementException if no child has that name
     */
    public Service getServiceNamed(String name) {
        Service service = namedServices.get(Objects.requireNonNull(name, "name"));
        if (service == null) {
            throw new NoSuchElementException("no service named '" + name + "' in " + this);
        }
        return service;
    }

    /** Returns the children, in the order they were added; later changes do not show in the list. */
    public List<Service> services() {
        return List.copyOf(services);
    }

    /** Iterates over a copy of the children, in the order they were added. */
    @Override
    public Iterator<Service> iterator() {
        return services().iterator();
    }

    /**
     * Adds a child, starting it if this service is running. Only implementations of
     * {@link Service#setServiceParent} call this; everyone else calls that.
     *
     * @param service the child; its {@link Service#parent()} should already be this service
     * @throws IllegalArgumentException if another child has the same name, or {@code service} is a child
     *     already
     */
    public void addService(Service service) {
        Objects.requireNonNull(service, "service");
        if (services.contains(service)) {
            throw new IllegalArgumentException(service + " is already a child of " + this);
        }
        String childName = service.name();
        if (childName != null) {
            if (namedServices.containsKey(childName)) {
                throw new IllegalArgumentException("cannot have two services named '" + childName + "' in " + this);
            }
            namedServices.put(childName, service);
        }
        services.add(service);
        if (isRunning()) {
            service.privilegedStartService();
            service.startService();
        }
    }

    /**
     * Removes a child, stopping it if this service is running. Only implementations of
     * {@link Service#disownServiceParent} call this; everyone else calls that.
     *
     * @param service the child
     * @return the child's stop, if this service is running; otherwise a Deferred already fired with null
     * @throws IllegalArgumentException if {@code service} is not a child of this service
     */
    public Deferred<@Nullable Void> removeService(Service service) {
        Objects.requireNonNull(service, "service");
        if (!services.remove(service)) {
            throw new IllegalArgumentException(service + " is not a child of " + this);
        }
        String childName = service.name();
        if (childName != null) {
            namedServices.remove(childName, service);
        }
        if (isRunning()) {
            return service.stopService();
        }
        return Deferred.succeed(null);
    }
}
