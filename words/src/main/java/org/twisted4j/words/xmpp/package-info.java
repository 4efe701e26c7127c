/**
 * XMPP (RFC 6120, 6121) in the manner of Twisted's {@code twisted.words.protocols.jabber}: the {@link
 * org.twisted4j.words.xmpp.XmlStream} protocol, {@link org.twisted4j.words.xmpp.Jid}s prepared as RFC 7622 asks,
 * a client login ({@link org.twisted4j.words.xmpp.ClientAuthenticator}: STARTTLS, SASL SCRAM-SHA-256/-1, PLAIN
 * over TLS, ANONYMOUS, binding, session) with a session API ({@link org.twisted4j.words.xmpp.XmppClient}:
 * messages, presence, roster, ping), and external components (XEP-0114) both ways with a {@link
 * org.twisted4j.words.xmpp.Router}, which {@code twist xmpp-router} serves.
 *
 * <p>The XML layer is in {@link org.twisted4j.words.xmpp.xish}.
 */
@NullMarked
package org.twisted4j.words.xmpp;

import org.jspecify.annotations.NullMarked;
