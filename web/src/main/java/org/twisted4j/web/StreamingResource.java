package org.twisted4j.web;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Resource} that sees a request's head before its body: it decides whether the body is wanted at
 * all (and so answers {@code Expect: 100-continue} itself) and may take the body as a stream.
 *
 * <pre>{@code
 * final class Upload extends Resource implements StreamingResource {
 *     public BodyReceiver bodyReceiver(Request request) {
 *         String length = request.getHeader("Content-Length");
 *         if (length == null || Long.parseLong(length) > QUOTA) {
 *             request.setResponseCode(413);
 *             request.finish();             // 100 Continue is never sent; the body is not read
 *             return null;
 *         }
 *         return new SpoolToDisk(request);  // a BodyReceiver
 *     }
 *     public byte[] renderPUT(Request request) { return "stored\n".getBytes(UTF_8); }
 * }
 * }</pre>
 *
 * <p>The resource is found for such a request as soon as its head has arrived, so its traversal sees the
 * query's arguments but not a form body's. The site's body limit still applies.
 *
 * <p>Threading: called on the reactor thread.
 */
public interface StreamingResource {

    /**
     * Called when a request with a body (a Content-Length above zero, or chunked) has been routed here,
     * before any of the body is read and before {@code 100 Continue} is sent.
     *
     * <p>To refuse the body, answer the request now (set a status, write, {@link Request#finish()}): the
     * client that asked for {@code 100 Continue} is not told to send the body, none of it is read, and the
     * connection closes after the response. To take the body as a stream, return a receiver. To have the
     * body collected as for any resource (in memory, or in a temporary file past the site's threshold),
     * return null.
     *
     * @param request the request, its headers and arguments from the query available
     * @return the body's receiver, or null for the usual collection
     * @throws Exception to fail the request: it is logged and answered 500
     */
    @Nullable BodyReceiver bodyReceiver(Request request) throws Exception;
}
