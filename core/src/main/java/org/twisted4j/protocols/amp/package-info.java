/**
 * AMP, the Asynchronous Messaging Protocol, as Twisted's {@code twisted.protocols.amp}: request and response
 * over one connection, in boxes of keys and values, with commands declared as Java types.
 *
 * <ul>
 *   <li>The codec: {@link org.twisted4j.protocols.amp.AmpBox} (a box and its wire form),
 *       {@link org.twisted4j.protocols.amp.BoxParser} (the incremental parser, with its size limit) and
 *       {@link org.twisted4j.protocols.amp.TooLong}, the one parse error.
 *   <li>Values: {@link org.twisted4j.protocols.amp.Argument} and the types of
 *       {@link org.twisted4j.protocols.amp.Arguments}, each encoding as Twisted's argument of the same name does.
 * </ul>
 *
 * <p>Every type here is for the reactor thread unless its javadoc says otherwise.
 */
@NullMarked
package org.twisted4j.protocols.amp;

import org.jspecify.annotations.NullMarked;
