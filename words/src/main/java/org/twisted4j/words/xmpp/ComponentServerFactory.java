package org.twisted4j.words.xmpp;

import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;

/**
 * Accepts external components (XEP-0114) and routes their traffic, as Twisted's
 * {@code jabber.component.XMPPComponentServerFactory}: each connection gets a stream with a
 * {@link ListenComponentAuthenticator}; once authenticated, the component's domain routes to it through the
 * {@link Router}, until the connection is lost.
 *
 * <pre>{@code
 * reactor.listenTCP(5347, new ComponentServerFactory(new Router(), "secret", reactor));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ComponentServerFactory extends Factory {

    private static final Logger log = new Logger("xmpp.router");

    private final Router router;
    private final String secret;
    private final ReactorTime clock;
    private boolean logTraffic;

    /**
     * Creates the factory.
     *
     * @param router where authenticated components are added
     * @param secret the secret components must prove
     * @param clock for the streams' timeouts
     */
    public ComponentServerFactory(Router router, String secret, ReactorTime clock) {
        this.router = router;
        this.secret = secret;
        this.clock = clock;
    }

    /** Logs each component's authentication and loss at info level, as Twisted's {@code -v}. */
    public void setLogTraffic(boolean logTraffic) {
        this.logTraffic = logTraffic;
    }

    /** Returns the router. */
    public Router router() {
        return router;
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        XmlStream stream = new XmlStream(new ListenComponentAuthenticator(secret), clock);
        stream.addOnetimeObserver(XmlStream.STREAM_AUTHD_EVENT, s -> {
            Jid domain = stream.thisEntity();
            if (domain == null) {
                return;
            }
            String destination = domain.host();
            router.addRoute(destination, stream);
            if (logTraffic) {
                log.info("component {domain} connected from {peer}", "domain", destination, "peer", peer);
            }
            stream.addOnetimeObserver(XmlStream.STREAM_END_EVENT, reason -> {
                router.removeRoute(destination, stream);
                if (logTraffic) {
                    log.info("component {domain} disconnected", "domain", destination);
                }
            });
        });
        stream.setFactory(this);
        return stream;
    }
}
