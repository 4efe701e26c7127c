package org.twisted4j.words.xmpp;

import org.twisted4j.words.xmpp.xish.Element;

/**
 * Negotiates a stream's start, as Twisted's {@code jabber.xmlstream.Authenticator}: the client's STARTTLS, SASL
 * and binding ({@link ClientAuthenticator}), a component's handshake ({@link ComponentAuthenticator}), the
 * router's side of it ({@link ListenComponentAuthenticator}). When done it dispatches
 * {@link XmlStream#STREAM_AUTHD_EVENT}; when it gives up, {@link XmlStream#INIT_FAILED_EVENT}.
 *
 * <h2>Threading</h2>
 * Reactor thread only, called by its stream.
 */
public interface Authenticator {

    /**
     * The stream was created with this authenticator; set the stream's namespace and version here.
     *
     * @param stream the stream
     */
    default void associateWithStream(XmlStream stream) {
    }

    /**
     * The connection is up; an initiating side sends its header here.
     *
     * @param stream the stream
     */
    void connectionMade(XmlStream stream);

    /**
     * The peer's stream header arrived (after every restart too); the stream has read its attributes.
     *
     * @param stream the stream
     * @param root the peer's root element
     */
    void streamStarted(XmlStream stream, Element root);
}
