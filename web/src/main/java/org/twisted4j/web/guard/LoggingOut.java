package org.twisted4j.web.guard;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * An avatar, or a child of one, that runs the login's logout once the request it renders is finished or its
 * connection lost (Twisted's {@code ResourceWrapper} in the guard). Traversal goes through it: every child is
 * wrapped the same way, so whichever resource renders, the logout runs. As in Twisted, exactly one resource is
 * assumed to render per request.
 *
 * <p>Threading: reactor thread only.
 */
final class LoggingOut extends Resource {

    private static final Logger LOG = Logger.forClass(LoggingOut.class);

    private final Resource inner;
    private final Runnable logout;

    LoggingOut(Resource inner, Runnable logout) {
        this.inner = inner;
        this.logout = logout;
    }

    @Override
    public boolean isLeaf() {
        return inner.isLeaf();
    }

    @Override
    public Resource getChildWithDefault(String path, Request request) {
        return new LoggingOut(inner.getChildWithDefault(path, request), logout);
    }

    @Override
    public Resource getChild(String path, Request request) {
        return new LoggingOut(inner.getChild(path, request), logout);
    }

    @Override
    public @Nullable Resource getStaticChild(String path) {
        return inner.getStaticChild(path);
    }

    @Override
    public void putChild(String path, Resource child) {
        inner.putChild(path, child);
    }

    @Override
    public Set<String> childNames() {
        return inner.childNames();
    }

    @Override
    public byte[] render(Request request) throws Exception {
        request.notifyFinish().addBoth(outcome -> {
            try {
                logout.run();
            } catch (RuntimeException e) {
                LOG.error("the logout of {request} failed: {error}", "request", request.toString(), "error", e.toString());
            }
            return null;
        });
        return inner.render(request);
    }

    @Override
    public List<String> allowedMethods() {
        return inner.allowedMethods();
    }

    /** Returns the wrapped resource. */
    Resource inner() {
        return inner;
    }
}
