/**
 * The PROXY protocol, versions 1 and 2, as HAProxy specifies it and as Twisted's
 * {@code twisted.protocols.haproxy} reads it: servers behind a proxy or load balancer learn the real
 * client's address from a header the proxy sends first on each connection.
 *
 * <pre>{@code
 * Endpoints.serverFromString(reactor, "haproxy:tcp:8080").listen(site);   // getPeer() is the client
 * }</pre>
 *
 * <p>{@link org.twisted4j.protocols.haproxy.ProxyHeaderParser} reads the header incrementally;
 * {@link org.twisted4j.protocols.haproxy.HAProxyWrappingFactory} and
 * {@link org.twisted4j.protocols.haproxy.HAProxyServerEndpoint} put it under any protocol;
 * {@link org.twisted4j.protocols.haproxy.ProxyHeader} is what it said, TLVs included.
 */
@NullMarked
package org.twisted4j.protocols.haproxy;

import org.jspecify.annotations.NullMarked;
