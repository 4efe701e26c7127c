/**
 * HTTP serving: {@link org.twisted4j.web.Resource} trees, the {@link org.twisted4j.web.Site} factory and the
 * {@link org.twisted4j.web.Request} each render receives, the same over HTTP/1.1 and HTTP/2.
 *
 * <p>A request's path is walked through the tree segment by segment, as twisted.web does; the resource found
 * renders the response, at once by returning the body, or later by returning
 * {@link org.twisted4j.web.Resource#NOT_DONE_YET} and finishing the request itself. Every type here is used
 * on the reactor thread only unless its documentation says otherwise.
 */
@NullMarked
package org.twisted4j.web;

import org.jspecify.annotations.NullMarked;
