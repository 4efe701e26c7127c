package org.twisted4j.words.xmpp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;
import org.twisted4j.words.xmpp.xish.Element;
import org.twisted4j.words.xmpp.xish.EventDispatcher;
import org.twisted4j.words.xmpp.xish.Serializer;
import org.twisted4j.words.xmpp.xish.XmlParseException;
import org.twisted4j.words.xmpp.xish.XmlStreamParser;

/**
 * An XMPP stream (RFC 6120) as a {@link Protocol}, as Twisted's {@code jabber.xmlstream.XmlStream}: the stream
 * header both ways, incoming stanzas dispatched to observers by query, stream errors, IQ requests with Deferred
 * answers, and an {@link Authenticator} that negotiates the stream's start.
 *
 * <pre>{@code
 * XmlStream stream = new XmlStream(new ClientAuthenticator(Jid.parse("juliet@example.com/balcony"), "pw"), reactor);
 * stream.addOnetimeObserver(XmlStream.STREAM_AUTHD_EVENT, s -> stream.send(presence));
 * stream.addObserver("/message[@type='chat']", m -> System.out.println(((Element) m).childText("body")));
 * Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "example.com", 5222), stream);
 * stream.sendIq(iq).addCallback(result -> ...);   // fails with StanzaError or TimeoutError
 * }</pre>
 *
 * <h2>Events</h2>
 * Named events ({@link #STREAM_CONNECTED_EVENT}, {@link #STREAM_START_EVENT}, {@link #STREAM_AUTHD_EVENT},
 * {@link #STREAM_ERROR_EVENT}, {@link #STREAM_END_EVENT}, {@link #INIT_FAILED_EVENT}) carry the stream, the
 * {@link StreamError}, or the {@link Failure}; queries ({@code "/message"}) receive each top-level element.
 *
 * <h2>Bad input</h2>
 * Bytes that are not well-formed, restricted XML (a DTD, entities, comments, processing instructions), a
 * stanza past {@link XmlStreamParser#DEFAULT_MAX_STANZA_BYTES} or nesting past the depth limit get the matching
 * {@code <stream:error>}, the footer, and the connection closed, with one log line. Other streams are not
 * affected.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class XmlStream extends Protocol {

    /** Dispatched with the stream when the connection is made. */
    public static final String STREAM_CONNECTED_EVENT = "//event/stream/connected";
    /** Dispatched with the peer's root element when its header arrives. */
    public static final String STREAM_START_EVENT = "//event/stream/start";
    /** Dispatched with the connection-lost {@link Failure} when the stream ends. */
    public static final String STREAM_END_EVENT = "//event/stream/end";
    /** Dispatched with the {@link StreamError} the peer sent. */
    public static final String STREAM_ERROR_EVENT = "//event/stream/error";
    /** Dispatched with the stream when its authenticator is done: stanzas may flow. */
    public static final String STREAM_AUTHD_EVENT = "//event/stream/authd";
    /** Dispatched with a {@link Failure} when the authenticator gives up. */
    public static final String INIT_FAILED_EVENT = "//event/xmpp/initfailed";

    /** The default seconds an IQ request waits for its answer: {@value}; 0 waits forever. */
    public static final double DEFAULT_IQ_TIMEOUT = 60;

    private static final Logger log = new Logger("xmpp");
    private static final Map<String, String> PREFIXES = Map.of(Namespaces.STREAMS, "stream");

    private final Authenticator authenticator;
    private final ReactorTime clock;
    private final EventDispatcher dispatcher = new EventDispatcher() {
        @Override
        protected void observerFailed(RuntimeException error) {
            log.error("observer of {stream} failed: {error}", "stream", XmlStream.this, "error", error);
        }
    };
    private final Map<String, Deferred<Element>> pendingIqs = new HashMap<>();
    private @Nullable XmlStreamParser parser;
    private String namespace = Namespaces.CLIENT;
    private @Nullable Jid thisEntity;
    private @Nullable Jid otherEntity;
    private @Nullable String sid;
    private boolean initiating = true;
    private int[] version = {1, 0};
    private @Nullable Element features;
    private boolean headerSent;
    private boolean closing;
    private boolean tls;
    private double iqTimeout = DEFAULT_IQ_TIMEOUT;
    private int maxStanzaBytes = XmlStreamParser.DEFAULT_MAX_STANZA_BYTES;
    private int maxDepth = XmlStreamParser.DEFAULT_MAX_DEPTH;
    private long nextId;

    /**
     * Creates a stream.
     *
     * @param authenticator negotiates the stream's start
     * @param clock times IQ requests out
     */
    public XmlStream(Authenticator authenticator, ReactorTime clock) {
        this.authenticator = authenticator;
        this.clock = clock;
        authenticator.associateWithStream(this);
    }

    // ---- configuration and state

    /** Returns the stream's default namespace, such as {@code jabber:client}. */
    public String namespace() {
        return namespace;
    }

    /** Sets the default namespace this side declares; authenticators call this. */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** Returns whether this side opened the connection. */
    public boolean initiating() {
        return initiating;
    }

    /** Sets whether this side opened the connection; a listening authenticator sets false. */
    public void setInitiating(boolean initiating) {
        this.initiating = initiating;
    }

    /** Sets the version this side announces, {@code {1, 0}} by default, {@code {0, 0}} to leave it out. */
    public void setVersion(int major, int minor) {
        this.version = new int[] {major, minor};
    }

    /** Returns this side's address, or null. */
    public @Nullable Jid thisEntity() {
        return thisEntity;
    }

    /** Sets this side's address, sent as {@code from} by a receiving side. */
    public void setThisEntity(@Nullable Jid jid) {
        this.thisEntity = jid;
    }

    /** Returns the peer's address, or null. */
    public @Nullable Jid otherEntity() {
        return otherEntity;
    }

    /** Sets the peer's address, sent as {@code to} by an initiating side. */
    public void setOtherEntity(@Nullable Jid jid) {
        this.otherEntity = jid;
    }

    /** Returns the stream id: the peer's when initiating, this side's otherwise; null before it is known. */
    public @Nullable String sid() {
        return sid;
    }

    /** Sets the stream id a receiving side announces. */
    public void setSid(@Nullable String sid) {
        this.sid = sid;
    }

    /** Returns the last {@code <stream:features>} received, or null. */
    public @Nullable Element features() {
        return features;
    }

    /** Returns whether STARTTLS has been done on this stream. */
    public boolean isSecure() {
        return tls;
    }

    /** Records that the transport is now TLS; the client authenticator calls this after STARTTLS. */
    public void setSecure(boolean secure) {
        this.tls = secure;
    }

    /** Returns the clock IQ timeouts use. */
    public ReactorTime clock() {
        return clock;
    }

    /** Sets seconds an IQ request waits for its answer; 0 waits forever. */
    public void setIqTimeout(double seconds) {
        this.iqTimeout = seconds;
    }

    /** Sets the largest stanza accepted, in bytes ({@link XmlStreamParser#DEFAULT_MAX_STANZA_BYTES}). */
    public void setMaxStanzaBytes(int bytes) {
        this.maxStanzaBytes = bytes;
        if (parser != null) {
            parser.setMaxStanzaBytes(bytes);
        }
    }

    /** Sets how deep a stanza may nest ({@link XmlStreamParser#DEFAULT_MAX_DEPTH}). */
    public void setMaxDepth(int depth) {
        this.maxDepth = depth;
        if (parser != null) {
            parser.setMaxDepth(depth);
        }
    }

    // ---- observers

    /** Adds an observer of a named event or a query; see {@link EventDispatcher}. */
    public void addObserver(String event, Consumer<Object> observer) {
        dispatcher.addObserver(event, observer);
    }

    /** Adds an observer with a priority. */
    public void addObserver(String event, int priority, Consumer<Object> observer) {
        dispatcher.addObserver(event, priority, observer);
    }

    /** Adds an observer called once. */
    public void addOnetimeObserver(String event, Consumer<Object> observer) {
        dispatcher.addOnetimeObserver(event, observer);
    }

    /** Removes an observer. */
    public void removeObserver(String event, Consumer<Object> observer) {
        dispatcher.removeObserver(event, observer);
    }

    /** Dispatches a payload to a named event's observers. */
    public boolean dispatch(Object payload, String event) {
        return dispatcher.dispatch(payload, event);
    }

    // ---- Protocol

    @Override
    public void connectionMade() {
        parser = newParser();
        dispatcher.dispatch(this, STREAM_CONNECTED_EVENT);
        authenticator.connectionMade(this);
    }

    private XmlStreamParser newParser() {
        XmlStreamParser[] self = new XmlStreamParser[1];
        XmlStreamParser p = new XmlStreamParser(new XmlStreamParser.Listener() {
            @Override
            public void streamStarted(Element root) {
                if (parser == self[0]) {
                    onStreamStarted(root, self[0].rootDefaultNamespace());
                }
            }

            @Override
            public void elementReceived(Element element) {
                if (parser == self[0] && !closing) {
                    onElement(element);
                }
            }

            @Override
            public void streamEnded() {
                if (parser == self[0]) {
                    onStreamEnded();
                }
            }
        });
        self[0] = p;
        p.setMaxStanzaBytes(maxStanzaBytes);
        p.setMaxDepth(maxDepth);
        return p;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        XmlStreamParser p = parser;
        if (p == null || closing) {
            data.position(data.limit());
            return;
        }
        try {
            p.feed(data);
        } catch (XmlParseException e) {
            log.warn("closing XMPP stream from {peer}: {condition}: {message}", "peer", transport().getPeer(),
                    "condition", e.condition().wireName(), "message", e.getMessage());
            sendStreamError(new StreamError(e.condition().wireName(), null));
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        closing = true;
        List<Deferred<Element>> pending = new ArrayList<>(pendingIqs.values());
        pendingIqs.clear();
        for (Deferred<Element> d : pending) {
            d.errback(reason);
        }
        dispatcher.dispatch(reason, STREAM_END_EVENT);
    }

    /**
     * Restarts the stream after a new layer (TLS, SASL): a fresh parser, and this side's header not yet sent.
     * Observers stay.
     */
    public void reset() {
        parser = newParser();
        headerSent = false;
        features = null;
    }

    // ---- incoming

    private void onStreamStarted(Element root, String defaultNamespace) {
        if (!root.uri().equals(Namespaces.STREAMS) || !root.name().equals("stream")) {
            sendStreamError(new StreamError("invalid-namespace", null));
            return;
        }
        try {
            if (initiating) {
                sid = root.getAttribute("id");
                String from = root.getAttribute("from");
                if (from != null) {
                    otherEntity = Jid.parse(from);
                }
            } else {
                String to = root.getAttribute("to");
                if (to != null) {
                    thisEntity = Jid.parse(to);
                }
                String from = root.getAttribute("from");
                if (from != null) {
                    otherEntity = Jid.parse(from);
                }
            }
        } catch (InvalidJidException e) {
            sendStreamError(new StreamError("improper-addressing", e.getMessage()));
            return;
        }
        if (!defaultNamespace.equals(namespace)) {
            sendStreamError(new StreamError("invalid-namespace", "expected " + namespace));
            return;
        }
        authenticator.streamStarted(this, root);
        if (!closing) {
            dispatcher.dispatch(root, STREAM_START_EVENT);
        }
    }

    private void onElement(Element element) {
        if (element.uri().equals(Namespaces.STREAMS) && element.name().equals("error")) {
            StreamError error = StreamError.fromElement(element);
            log.info("stream error from {peer}: {error}", "peer", transport().getPeer(), "error", error.getMessage());
            dispatcher.dispatch(error, STREAM_ERROR_EVENT);
            closing = true;
            transport().loseConnection();
            return;
        }
        if (element.uri().equals(Namespaces.STREAMS) && element.name().equals("features")) {
            features = element;
        }
        if (element.name().equals("iq") && element.uri().equals(namespace)) {
            String type = element.getAttribute("type");
            String id = element.getAttribute("id");
            if (id != null && ("result".equals(type) || "error".equals(type))) {
                Deferred<Element> pending = pendingIqs.remove(id);
                if (pending != null) {
                    if ("result".equals(type)) {
                        pending.callback(element);
                    } else {
                        pending.errback(StanzaError.fromElement(element));
                    }
                    return;
                }
            }
        }
        dispatcher.dispatch(element);
    }

    private void onStreamEnded() {
        if (!closing) {
            closing = true;
            sendFooter();
            transport().loseConnection();
        }
    }

    // ---- outgoing

    /** Sends a top-level element, written in the stream's namespace context. */
    public void send(Element element) {
        send(new Serializer(namespace, PREFIXES).serialize(element));
    }

    /** Sends raw XML text, UTF-8 encoded. */
    public void send(String xml) {
        transport().write(ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends this side's stream header: {@code to} the peer when initiating, {@code from} this entity and the
     * stream id when receiving, and the version unless it is 0.0, as Twisted writes it.
     */
    public void sendHeader() {
        Element root = new Element(Namespaces.STREAMS, "stream");
        if (initiating && otherEntity != null) {
            root.attribute("to", otherEntity.userhost());
        }
        if (!initiating && thisEntity != null) {
            root.attribute("from", thisEntity.userhost());
        }
        if (!initiating && sid != null) {
            root.attribute("id", sid);
        }
        if (version[0] >= 1) {
            root.attribute("version", version[0] + "." + version[1]);
        }
        send(Serializer.openTag(root, "stream", namespace));
        headerSent = true;
    }

    /** Sends the stream's closing tag. */
    public void sendFooter() {
        send("</stream:stream>");
    }

    /**
     * Sends a stream error and closes: the header first if a receiving side has not sent it yet, then the
     * error, the footer, and the connection closed.
     *
     * @param error the error
     */
    public void sendStreamError(StreamError error) {
        if (closing) {
            return;
        }
        if (!initiating && !headerSent) {
            sendHeader();
        }
        send(error.toElement());
        sendFooter();
        closing = true;
        transport().loseConnection();
    }

    /** Sends the footer and closes the connection. */
    public void close() {
        if (!closing) {
            closing = true;
            sendFooter();
            transport().loseConnection();
        }
    }

    /**
     * Sends an IQ request and returns its answer: the {@code type='result'} stanza, or a {@link StanzaError} for
     * {@code type='error'}, or a {@link TimeoutError} after the IQ timeout, or the connection's loss. An id is
     * given if the element has none.
     *
     * @param iq an {@code <iq>} of type {@code get} or {@code set}
     * @return the answer
     */
    public Deferred<Element> sendIq(Element iq) {
        String id = iq.getAttribute("id");
        if (id == null) {
            id = "H_" + nextId++;
            iq.attribute("id", id);
        }
        String key = id;
        Deferred<Element> answer = new Deferred<>();
        pendingIqs.put(key, answer);
        if (iqTimeout > 0) {
            DelayedCall timer = clock.callLater(iqTimeout, () -> {
                if (pendingIqs.remove(key) == answer) {
                    answer.errback(new TimeoutError(iqTimeout, "IQ " + key));
                }
            });
            answer.addBoth(result -> {
                if (timer.active()) {
                    timer.cancel();
                }
                return result;
            });
        }
        send(iq);
        return answer;
    }

    /**
     * Builds an IQ of this stream's namespace.
     *
     * @param type {@code get} or {@code set}
     * @return the element, to add a payload to
     */
    public Element newIq(String type) {
        return new Element(namespace, "iq").attribute("type", type);
    }

    /** Answers a request stanza with a stanza error. */
    public void sendError(Element request, StanzaError error) {
        send(error.toResponse(request));
    }

    @Override
    public String toString() {
        return "XmlStream(" + (initiating ? "to " + otherEntity : "from " + otherEntity) + ")";
    }
}
