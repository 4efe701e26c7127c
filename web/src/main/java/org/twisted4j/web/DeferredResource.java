package org.twisted4j.web;

import java.util.Objects;
import org.twisted4j.defer.Deferred;

/**
 * A resource that is not known yet: a leaf holding a {@link Deferred} that fires with the resource which
 * should answer (Twisted's {@code twisted.web.util.DeferredResource}). Rendering waits for it, then walks the
 * request's remaining path segments down from that resource and renders what it reaches, as the site would
 * have had the resource been there from the start.
 *
 * <pre>{@code
 * public Resource getChild(String name, Request request) {
 *     return new DeferredResource(lookUpAccount(name).addCallback(AccountPage::new));
 * }
 * }</pre>
 *
 * <h2>Failures</h2>
 * If the Deferred fails, or the resource it gives fails to render, the request is answered as any failed
 * render is: logged, and 500 unless the response has begun.
 *
 * <h2>Pitfalls</h2>
 * The request's body has been read before rendering, so a {@link StreamingResource} reached through a
 * DeferredResource gets its body collected, not streamed. Render a DeferredResource at most once: its
 * Deferred fires one chain.
 *
 * <p>Threading: reactor thread only; the Deferred must fire on the reactor thread.
 */
public class DeferredResource extends Resource {

    private final Deferred<? extends Resource> resource;

    /**
     * Makes one.
     *
     * @param resource fires with the resource that answers, on the reactor thread
     */
    public DeferredResource(Deferred<? extends Resource> resource) {
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** Returns true: the remaining segments are walked from the resource the Deferred gives. */
    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Resource getChild(String path, Request request) {
        return this;
    }

    /**
     * Waits for the resource, then renders the request with it (after walking the remaining segments).
     *
     * @return {@link #NOT_DONE_YET}
     */
    @Override
    public byte[] render(Request request) {
        Site site = request.getSite();
        resource.addCallback(found -> {
            site.render(request, found.getChildForRequest(request));
            return null;
        }).addErrback(failure -> {
            site.processingFailed(request, failure);
            return null;
        });
        return NOT_DONE_YET;
    }
}
