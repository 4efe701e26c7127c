package org.twisted4j.words.xmpp;

/** The XML namespaces of XMPP that this package speaks, as constants. */
public final class Namespaces {

    /** The stream root and its children ({@code stream:features}, {@code stream:error}). */
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** Stanzas between a client and its server. */
    public static final String CLIENT = "jabber:client";
    /** Stanzas of an accepted external component (XEP-0114). */
    public static final String COMPONENT_ACCEPT = "jabber:component:accept";
    /** Stream error conditions. */
    public static final String XMPP_STREAMS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** Stanza error conditions. */
    public static final String XMPP_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** STARTTLS. */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** SASL. */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** Resource binding. */
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** Session establishment (RFC 3921, optional in RFC 6121). */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** The roster. */
    public static final String ROSTER = "jabber:iq:roster";
    /** XEP-0199 ping. */
    public static final String PING = "urn:xmpp:ping";

    private Namespaces() {
    }
}
