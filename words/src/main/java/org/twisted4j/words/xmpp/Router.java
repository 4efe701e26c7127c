package org.twisted4j.words.xmpp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.Logger;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * Routes stanzas between components by the domain of their {@code to}, as Twisted's
 * {@code jabber.component.Router}. Components are trusted to address their stanzas correctly. A route for
 * the empty domain (see {@link #DEFAULT_ROUTE}) takes traffic no other route takes; without one, such a stanza
 * is answered with a {@code remote-server-not-found} error (Twisted drops it with a traceback).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class Router {

    /** The destination that names the default route. */
    public static final String DEFAULT_ROUTE = "";

    private static final Logger log = new Logger("xmpp.router");

    private final Map<String, XmlStream> routes = new HashMap<>();
    private final Map<XmlStream, Consumer<Object>> observers = new HashMap<>();
    private final Map<String, List<Deferred<XmlStream>>> waiting = new HashMap<>();

    /** Creates a router with no routes. */
    public Router() {
    }

    /**
     * Adds a route: stanzas for {@code destination} go to {@code stream}, and the stream's own stanzas are
     * routed from now on.
     *
     * @param destination a domain, or {@link #DEFAULT_ROUTE}
     * @param stream the component's stream
     */
    public void addRoute(String destination, XmlStream stream) {
        routes.put(destination, stream);
        Consumer<Object> observer = stanza -> route(stream, (Element) stanza);
        Consumer<Object> old = observers.put(stream, observer);
        if (old != null) {
            stream.removeObserver("/*", old);
        }
        stream.addObserver("/*", observer);
        List<Deferred<XmlStream>> waiters = waiting.remove(destination);
        if (waiters != null) {
            for (Deferred<XmlStream> waiter : waiters) {
                waiter.callback(stream);
            }
        }
    }

    /**
     * Returns a Deferred that fires with the stream of {@code destination} once it has a route (at once if it
     * has one now).
     *
     * @param destination a domain
     */
    public Deferred<XmlStream> whenRouted(String destination) {
        XmlStream stream = routes.get(destination);
        if (stream != null) {
            return Deferred.succeed(stream);
        }
        Deferred<XmlStream> waiter = new Deferred<>();
        waiting.computeIfAbsent(destination, d -> new ArrayList<>()).add(waiter);
        return waiter;
    }

    /** Removes a route, if it still points at this stream. */
    public void removeRoute(String destination, XmlStream stream) {
        Consumer<Object> observer = observers.remove(stream);
        if (observer != null) {
            stream.removeObserver("/*", observer);
        }
        if (routes.get(destination) == stream) {
            routes.remove(destination);
        }
    }

    /** Returns the stream a destination routes to, if any (not the default route). */
    public Optional<XmlStream> routeFor(String destination) {
        return Optional.ofNullable(routes.get(destination));
    }

    /**
     * Routes a stanza by its {@code to}.
     *
     * @param from the stream it came from, for error answers, or null
     * @param stanza the stanza
     */
    public void route(@Nullable XmlStream from, Element stanza) {
        String to = stanza.getAttribute("to");
        String host;
        try {
            host = to == null ? DEFAULT_ROUTE : Jid.parse(to).host();
        } catch (InvalidJidException e) {
            bounce(from, stanza, "jid-malformed");
            return;
        }
        XmlStream target = routes.get(host);
        if (target == null) {
            target = routes.get(DEFAULT_ROUTE);
        }
        if (target == null) {
            bounce(from, stanza, "remote-server-not-found");
            return;
        }
        log.debug("routing to {to}", "to", to);
        target.send(stanza);
    }

    private static void bounce(@Nullable XmlStream from, Element stanza, String condition) {
        if (from == null || "error".equals(stanza.getAttribute("type"))) {
            return;
        }
        from.send(new StanzaError(condition, "cancel", null, null).toResponse(stanza));
    }
}
