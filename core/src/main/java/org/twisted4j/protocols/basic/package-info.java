/**
 * Framing for stream protocols, as Twisted's {@code twisted.protocols.basic}: receivers that cut the bytes
 * of a connection into lines ({@link org.twisted4j.protocols.basic.LineReceiver},
 * {@link org.twisted4j.protocols.basic.LineOnlyReceiver}), length-prefixed strings
 * ({@link org.twisted4j.protocols.basic.Int8StringReceiver},
 * {@link org.twisted4j.protocols.basic.Int16StringReceiver},
 * {@link org.twisted4j.protocols.basic.Int32StringReceiver}) or netstrings
 * ({@link org.twisted4j.protocols.basic.NetstringReceiver}), however the bytes are split across reads; and
 * {@link org.twisted4j.protocols.basic.FileSender}, which streams a file to a transport as a pull producer.
 *
 * <p>Each receiver is a {@link org.twisted4j.internet.Protocol} to subclass: implement the one abstract
 * method that receives a message, and send with the matching {@code send} method. Every receiver has a
 * maximum message length with a default and a setter; what happens when a peer exceeds it is a method to
 * override (by default the connection is closed). Messages are {@code byte[]}: decode them with the
 * charset the protocol defines.
 *
 * <p>Common rule: once a message handler has closed the connection
 * ({@link org.twisted4j.internet.Transport#isDisconnecting()}), no further messages from the same read are
 * delivered.
 */
@NullMarked
package org.twisted4j.protocols.basic;

import org.jspecify.annotations.NullMarked;
