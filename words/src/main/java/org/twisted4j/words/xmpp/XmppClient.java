package org.twisted4j.words.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.words.xmpp.xish.Element;

/**
 * A logged-in XMPP client session on top of an {@link XmlStream}: messages, presence, the roster with its
 * pushes (RFC 6121) and XEP-0199 pings, answering pings and refusing IQ requests nobody handles with
 * {@code service-unavailable}, as RFC 6120 §8.4 asks.
 *
 * <pre>{@code
 * XmppClient.connect(reactor, "127.0.0.1", 5222, new ClientAuthenticator(jid, "secret").tls(tls, true))
 *         .addCallback(client -> {
 *             client.onMessage(m -> System.out.println(m.childText("body")));
 *             client.sendPresence(null, null);
 *             client.sendMessage(Jid.parse("romeo@example.net"), "chat", "hi");
 *             return client.roster();
 *         });
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class XmppClient {

    private final XmlStream stream;
    private final List<Consumer<RosterItem>> rosterPushListeners = new ArrayList<>();

    /**
     * Wraps a stream that has been authenticated.
     *
     * @param stream the stream, after {@link XmlStream#STREAM_AUTHD_EVENT}
     */
    public XmppClient(XmlStream stream) {
        this.stream = stream;
        stream.addObserver("/iq[@type='get']/ping[@xmlns='" + Namespaces.PING + "']", iq -> answerPing((Element) iq));
        stream.addObserver("/iq[@type='set']/query[@xmlns='" + Namespaces.ROSTER + "']",
                iq -> rosterPush((Element) iq));
        stream.addObserver("/iq[@type='get']", -100, this::unhandledIq);
        stream.addObserver("/iq[@type='set']", -100, this::unhandledIq);
    }

    /**
     * Connects over TCP, logs in, and fires with the client once the stream is authenticated; fails with the
     * login's failure ({@link SaslException}, {@link StreamError}, ...) or the connection's.
     *
     * @param reactor the reactor
     * @param host the server's address
     * @param port the server's client port, usually 5222
     * @param authenticator who logs in, and how
     */
    public static <R extends ReactorTCP & ReactorTime> Deferred<XmppClient> connect(R reactor, String host,
            int port, ClientAuthenticator authenticator) {
        XmlStream stream = new XmlStream(authenticator, reactor);
        Deferred<XmppClient> ready = new Deferred<>();
        stream.addOnetimeObserver(XmlStream.STREAM_AUTHD_EVENT, s -> {
            if (!ready.isCalled()) {
                ready.callback(new XmppClient(stream));
            }
        });
        stream.addOnetimeObserver(XmlStream.INIT_FAILED_EVENT, f -> {
            if (!ready.isCalled()) {
                ready.errback((Failure) f);
            }
        });
        stream.addOnetimeObserver(XmlStream.STREAM_END_EVENT, f -> {
            if (!ready.isCalled()) {
                ready.errback((Failure) f);
            }
        });
        Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, host, port), stream).addErrback(f -> {
            if (!ready.isCalled()) {
                ready.errback(f);
            }
            return null;
        });
        return ready;
    }

    /** Returns the stream. */
    public XmlStream stream() {
        return stream;
    }

    /** Returns the full JID the server bound. */
    public Jid jid() {
        return Objects.requireNonNull(stream.thisEntity());
    }

    /**
     * Sends a message.
     *
     * @param to the recipient
     * @param type {@code chat}, {@code normal}, {@code groupchat}, {@code headline}
     * @param body the text
     */
    public void sendMessage(Jid to, String type, String body) {
        Element message = new Element(stream.namespace(), "message").attribute("to", to.full())
                .attribute("type", type);
        message.addElement("body").addContent(body);
        stream.send(message);
    }

    /**
     * Sends presence.
     *
     * @param to the recipient, or null to broadcast
     * @param type null for available, or {@code unavailable}, {@code subscribe}, {@code subscribed}...
     */
    public void sendPresence(@Nullable Jid to, @Nullable String type) {
        Element presence = new Element(stream.namespace(), "presence");
        presence.attribute("to", to == null ? null : to.full()).attribute("type", type);
        stream.send(presence);
    }

    /** Calls the observer with each message stanza received. */
    public void onMessage(Consumer<Element> observer) {
        stream.addObserver("/message", m -> observer.accept((Element) m));
    }

    /** Calls the observer with each presence stanza received. */
    public void onPresence(Consumer<Element> observer) {
        stream.addObserver("/presence", p -> observer.accept((Element) p));
    }

    /** Calls the listener with each roster push (after answering it). */
    public void onRosterPush(Consumer<RosterItem> listener) {
        rosterPushListeners.add(listener);
    }

    /** Gets the roster. */
    public Deferred<List<RosterItem>> roster() {
        Element iq = stream.newIq("get");
        iq.addElement(Namespaces.ROSTER, "query");
        return stream.sendIq(iq).addCallback(result -> {
            Element query = result.firstChild(Namespaces.ROSTER, "query");
            List<RosterItem> items = new ArrayList<>();
            if (query != null) {
                for (Element item : query.elements(Namespaces.ROSTER, "item")) {
                    RosterItem parsed = item(item);
                    if (parsed != null) {
                        items.add(parsed);
                    }
                }
            }
            return items;
        });
    }

    /**
     * Adds or updates a roster item (the server pushes the change back).
     *
     * @param jid the contact
     * @param name the name, or null
     * @param groups the groups
     */
    public Deferred<Element> setRosterItem(Jid jid, @Nullable String name, List<String> groups) {
        Element iq = stream.newIq("set");
        Element item = iq.addElement(Namespaces.ROSTER, "query").addElement("item")
                .attribute("jid", jid.userhost()).attribute("name", name);
        for (String group : groups) {
            item.addElement("group").addContent(group);
        }
        return stream.sendIq(iq);
    }

    /** Sends an XEP-0199 ping; fires when answered (a {@code service-unavailable} error also proves liveness). */
    public Deferred<Element> ping(Jid to) {
        Element iq = stream.newIq("get").attribute("to", to.full());
        iq.addElement(Namespaces.PING, "ping");
        return stream.sendIq(iq);
    }

    /** Closes the stream. */
    public void close() {
        stream.close();
    }

    private void answerPing(Element iq) {
        stream.send(result(iq));
        iq.attribute("type", "handled");
    }

    private void rosterPush(Element iq) {
        String from = iq.getAttribute("from");
        if (from != null && !from.equals(jid().userhost()) && !from.equals(jid().full())) {
            return; // RFC 6121 §2.1.6: a push from anyone but the server or the account is ignored (unhandled)
        }
        stream.send(result(iq));
        iq.attribute("type", "handled");
        Element query = Objects.requireNonNull(iq.firstChild(Namespaces.ROSTER, "query"));
        for (Element item : query.elements(Namespaces.ROSTER, "item")) {
            RosterItem parsed = item(item);
            if (parsed != null) {
                for (Consumer<RosterItem> listener : List.copyOf(rosterPushListeners)) {
                    listener.accept(parsed);
                }
            }
        }
    }

    private void unhandledIq(Object received) {
        Element iq = (Element) received;
        String type = iq.getAttribute("type");
        if ("get".equals(type) || "set".equals(type)) {
            stream.sendError(iq, new StanzaError("service-unavailable", "cancel", null, null));
        }
    }

    private Element result(Element iq) {
        return new Element(stream.namespace(), "iq").attribute("type", "result")
                .attribute("to", iq.getAttribute("from")).attribute("id", iq.getAttribute("id"));
    }

    private static @Nullable RosterItem item(Element item) {
        String jid = item.getAttribute("jid");
        if (jid == null) {
            return null;
        }
        try {
            List<String> groups = new ArrayList<>();
            for (Element group : item.elements(Namespaces.ROSTER, "group")) {
                groups.add(group.text());
            }
            String subscription = item.getAttribute("subscription");
            return new RosterItem(Jid.parse(jid), item.getAttribute("name"),
                    subscription == null ? "none" : subscription, item.getAttribute("ask"), List.copyOf(groups));
        } catch (InvalidJidException e) {
            return null;
        }
    }
}
