/**
 * A reverse proxy, as twisted.web.proxy: {@link org.twisted4j.web.proxy.ReverseProxyResource} forwards the
 * requests that reach it in a {@link org.twisted4j.web.Resource} tree to another HTTP server and streams the
 * answers back, through the HTTP client ({@link org.twisted4j.web.client.Agent}), request bodies included, with
 * back-pressure both ways.
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("app", new ReverseProxyResource("127.0.0.1", 8081, "/app"));
 * reactor.listenTCP(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>Every type here is used on the reactor thread only.
 */
@NullMarked
package org.twisted4j.web.proxy;

import org.jspecify.annotations.NullMarked;
