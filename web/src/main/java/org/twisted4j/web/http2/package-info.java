/**
 * HTTP/2 (RFC 9113) with its header compression HPACK (RFC 7541): the frame layer, the stream states, flow
 * control and the limits that keep a peer from abusing a connection.
 *
 * <p>An {@link org.twisted4j.web.http2.Http2Connection} is a {@link org.twisted4j.internet.Protocol} speaking
 * HTTP/2 on one transport, with a server face and a client face over one frame layer. The client face, an
 * {@link org.twisted4j.web.http2.Http2ClientConnection}, opens a stream for each request and gives the response
 * to an {@link org.twisted4j.web.http2.Http2ResponseHandler}. The server face hands each stream a client opens to
 * an {@link org.twisted4j.web.http2.Http2StreamHandler} made by the application; the handler reads the request
 * header list, the body pieces and the end of the stream, and answers through the
 * {@link org.twisted4j.web.http2.Http2Stream}: a header block, body data under flow control with back-pressure,
 * trailers, or a reset.
 *
 * <pre>{@code
 * Http2StreamHandler.Factory hello = stream -> new Http2StreamHandler() {
 *     public void dataReceived(ByteBuffer data) {
 *         stream.consumed(data.remaining());
 *     }
 *
 *     public void endOfStream() {
 *         stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
 *         stream.sendData(ByteBuffer.wrap("hello".getBytes(UTF_8)), true);
 *     }
 * };
 * reactor.listenTCP(8080, Factory.forProtocol(() -> Http2Connection.server(reactor, hello)), 50, "127.0.0.1");
 * }</pre>
 *
 * <p>Every type here is used on the reactor thread only unless its documentation says otherwise. Header names
 * and values are strings whose characters are the field's octets (ISO-8859-1).
 */
@NullMarked
package org.twisted4j.web.http2;

import org.jspecify.annotations.NullMarked;
