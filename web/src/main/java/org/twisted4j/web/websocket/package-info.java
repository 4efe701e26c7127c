/**
 * WebSocket (RFC 6455) for servers and clients, with the permessage-deflate extension (RFC 7692).
 *
 * <p>A {@link org.twisted4j.web.websocket.WebSocketHandler} receives whole messages and the close of the
 * connection; it sends through the {@link org.twisted4j.web.websocket.WebSocketConnection} it is given in
 * {@code onOpen}. The same two types serve both ends:
 * <ul>
 *   <li>a server puts a {@link org.twisted4j.web.websocket.WebSocketResource} in its resource tree, which
 *       answers the upgrade request and hands the connection to a new handler;</li>
 *   <li>a client calls {@link org.twisted4j.web.websocket.WebSocketClient#connect} with a {@code ws://} or
 *       {@code wss://} address.</li>
 * </ul>
 *
 * <p>The framing, masking, fragmentation, UTF-8 checks, size limits, ping answers and the close handshake are
 * done here; a peer that breaks the protocol gets a close frame with the RFC's status code (1002, 1007, 1009)
 * and the connection is closed. Every type is used on the reactor thread only unless its documentation says
 * otherwise.
 */
@NullMarked
package org.twisted4j.web.websocket;

import org.jspecify.annotations.NullMarked;
