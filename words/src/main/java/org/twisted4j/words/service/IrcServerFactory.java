package org.twisted4j.words.service;

import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;

/**
 * Serves IRC (RFC 1459/2812 with IRCv3 CAP, SASL PLAIN, server-time, multi-prefix...) for a {@link ChatService}:
 * Twisted's {@code IRCFactory}. Listen with any endpoint, {@code ssl:} ones included for TLS.
 *
 * <pre>{@code
 * Endpoints.serverFromString(reactor, "tcp:6667:interface=127.0.0.1")
 *     .listen(new IrcServerFactory(service, reactor, portal));
 * }</pre>
 *
 * <h2>Logging in</h2>
 * With a portal, a user must log in before being welcomed: with SASL PLAIN during CAP negotiation, with
 * {@code PASS} before {@code NICK}/{@code USER} (the nick is the user name, as in Twisted), or, as Twisted's
 * words server asks, by answering {@code NickServ}'s {@code Password?} with {@code PRIVMSG NickServ :password}.
 * A failed login is answered {@code 464} and the connection closed. Without a portal, anyone may connect
 * under any free nick.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class IrcServerFactory extends Factory {

    private final ChatService service;
    private final ReactorTime clock;
    private final @Nullable Portal portal;

    /**
     * Creates the factory.
     *
     * @param service the chat service the connections share
     * @param clock the reactor's time, for ping timeouts, flood control and server-time
     * @param portal the portal users log in through, or null to let anyone in
     */
    public IrcServerFactory(ChatService service, ReactorTime clock, @Nullable Portal portal) {
        this.service = service;
        this.clock = clock;
        this.portal = portal;
    }

    /** Returns the service. */
    public ChatService service() {
        return service;
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        IrcServerSession session = new IrcServerSession(service, clock, portal);
        session.setFactory(this);
        return session;
    }
}
