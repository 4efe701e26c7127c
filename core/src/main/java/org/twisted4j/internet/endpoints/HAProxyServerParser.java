package org.twisted4j.internet.endpoints;

import org.twisted4j.internet.ReactorTime;
import org.twisted4j.protocols.haproxy.HAProxyServerEndpoint;

/**
 * {@code haproxy:DESCRIPTION}, as Twisted's {@code HAProxyServerParser}: the server endpoint
 * {@code DESCRIPTION} names ({@code tcp:8080}, {@code ssl:8443:privateKey=key.pem}...), with a PROXY protocol
 * header read at the start of every connection. The header is timed when the reactor is a
 * {@link ReactorTime}.
 */
final class HAProxyServerParser implements ServerEndpointParser {

    @Override
    public String prefix() {
        return "haproxy";
    }

    @Override
    public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
        return parse(reactor, description, EndpointParsers.standard());
    }

    @Override
    public StreamServerEndpoint parse(Object reactor, EndpointDescription description, EndpointParsers parsers) {
        String inner = description.rest();
        if (inner.isEmpty()) {
            throw description.error("missing the endpoint to read PROXY headers on, such as haproxy:tcp:8080,");
        }
        StreamServerEndpoint wrapped;
        try {
            wrapped = parsers.server(reactor, inner);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", in '" + description.text() + "'", e);
        }
        return new HAProxyServerEndpoint(wrapped, reactor instanceof ReactorTime time ? time : null);
    }
}
