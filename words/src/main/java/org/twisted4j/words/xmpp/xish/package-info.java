/**
 * XML for XMPP streams in the manner of Twisted's {@code twisted.words.xish}: {@link
 * org.twisted4j.words.xmpp.xish.Element} (domish), an incremental non-blocking {@link
 * org.twisted4j.words.xmpp.xish.XmlStreamParser} over Aalto-XML's asynchronous parser, a small {@link
 * org.twisted4j.words.xmpp.xish.XPathQuery} and the {@link org.twisted4j.words.xmpp.xish.EventDispatcher}.
 *
 * <p>Why a library: a conforming, namespace-aware XML tokenizer that accepts bytes as they arrive (no thread
 * per stream) is a large piece of work with a well-kept standard, Aalto's {@code AsyncXMLStreamReader}; this
 * package adds what XMPP needs on top of it: no DTDs, entities, comments or processing instructions (RFC 6120
 * §11.1), bounded depth and stanza size.
 */
@NullMarked
package org.twisted4j.words.xmpp.xish;

import org.jspecify.annotations.NullMarked;
