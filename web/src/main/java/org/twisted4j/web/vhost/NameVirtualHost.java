package org.twisted4j.web.vhost;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.NoResource;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * A resource that hands each request to the tree registered for the host name the client asked for (its
 * Host header, or an absolute request target, without the port, compared without regard to case): name-based
 * virtual hosting, as twisted.web's {@code NameVirtualHost}.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * NameVirtualHost vhost = new NameVirtualHost();
 * vhost.addHost("example.com", exampleRoot);
 * vhost.addHost("www.example.com", exampleRoot);
 * vhost.addHost("api.example.com", new ReverseProxyResource("127.0.0.1", 8081, ""));
 * vhost.setDefault(new NoResource("No such site here."));
 * reactor.listenTCP(8080, new Site(vhost, reactor));
 * }</pre>
 *
 * <p>The host's resource stands in for this one: the path below it is looked up in that resource's tree,
 * and a leaf gets the whole rest of the path. A host with no tree, when there is no default, gets a 404 page
 * saying the host was not found. Children registered with {@link #putChild} on this resource itself come
 * before any host's.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class NameVirtualHost extends Resource {

    private final Map<String, Resource> hosts = new HashMap<>();
    private @Nullable Resource fallback;

    /** Makes one with no hosts and no default. */
    public NameVirtualHost() {
    }

    /**
     * Serves {@code resource} for a host name, replacing any resource that name had.
     *
     * @param name the host name, without a port; its case does not matter
     * @param resource the tree served for it
     */
    public void addHost(String name, Resource resource) {
        hosts.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(resource, "resource"));
    }

    /**
     * Stops serving a host name.
     *
     * @param name the host name; its case does not matter
     * @return whether it was served
     */
    public boolean removeHost(String name) {
        return hosts.remove(name.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * Sets the tree served for host names not added, and for requests that name no host.
     *
     * @param resource the default tree, or null for none (a 404 page)
     */
    public void setDefault(@Nullable Resource resource) {
        fallback = resource;
    }

    /** Returns the default tree, or null if there is none. */
    public @Nullable Resource getDefault() {
        return fallback;
    }

    /**
     * Returns the tree that serves a request: its host's, else the default, else a 404 page.
     *
     * @param request the request
     * @return the resource standing in for this one
     */
    public Resource resourceFor(Request request) {
        String name = request.getRequestHostname().toLowerCase(Locale.ROOT);
        Resource found = hosts.get(name);
        if (found != null) {
            return found;
        }
        if (fallback != null) {
            return fallback;
        }
        return new NoResource(name.isEmpty() ? "host not found" : "host not found: " + name);
    }

    @Override
    public Resource getChild(String path, Request request) {
        Resource found = resourceFor(request);
        if (found.isLeaf()) {
            // The leaf renders with the segment still before it, as if traversal had stopped here.
            request.postpath().addFirst(request.prepath().removeLast());
            return found;
        }
        return found.getChildWithDefault(path, request);
    }

    @Override
    public byte[] render(Request request) throws Exception {
        return resourceFor(request).render(request);
    }
}
