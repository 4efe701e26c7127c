package org.twisted4j.web.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.web.Headers;
import org.twisted4j.web.Request;
import org.twisted4j.web.client.Response;

/**
 * What a proxy forwards of a message's head: every field but the hop-by-hop ones (RFC 9110 §7.6.1: those of
 * the connection, and every field the Connection field names), with the request's Host replaced and the
 * X-Forwarded fields added.
 *
 * <p>Threading: any thread (no state).
 */
final class ProxyHeaders {

    /** Fields that belong to one connection, lower case; the proxy speaks for itself on each side. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive", "te",
            "transfer-encoding", "upgrade", "trailer", "proxy-authenticate", "proxy-authorization");

    /** Request fields the proxy or its client writes itself, lower case. */
    private static final Set<String> REPLACED = Set.of("host", "content-length", "expect", "x-forwarded-for",
            "x-forwarded-host", "x-forwarded-proto");

    private ProxyHeaders() {
    }

    /** Returns the lower-case names not to forward from {@code headers}. */
    static Set<String> hopByHop(Headers headers) {
        Set<String> names = new HashSet<>(HOP_BY_HOP);
        for (String value : headers.getAll("Connection")) {
            for (String part : value.split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * Returns the header fields to send to the server: the client's, but the hop-by-hop ones and those the proxy
     * writes itself, then the X-Forwarded fields. The client writes Host (from the request's URI), the body's
     * framing and {@code Connection: close}.
     *
     * @param request the client's request
     * @return new header fields
     */
    static Headers forwarded(Request request) {
        Headers from = request.getRequestHeaders();
        Set<String> skip = hopByHop(from);
        Headers out = new Headers();
        from.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!skip.contains(lower) && !REPLACED.contains(lower)) {
                out.add(name, value);
            }
        });
        List<String> forwardedFor = skip.contains("x-forwarded-for") ? List.of() : from.getAll("X-Forwarded-For");
        StringBuilder chain = new StringBuilder();
        for (String earlier : forwardedFor) {
            chain.append(earlier).append(", ");
        }
        out.add("X-Forwarded-For", chain.append(clientHost(request.getClientAddress())).toString());
        String originalHost = request.getHeader("Host");
        if (originalHost != null) {
            out.add("X-Forwarded-Host", originalHost);
        }
        out.add("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        return out;
    }

    /** Sets the client's response status and fields from the server's, leaving out the hop-by-hop ones. */
    static void copyResponse(Response response, Request request) {
        request.setResponseCode(response.code(), response.phrase().isEmpty() ? null : response.phrase());
        Set<String> skip = hopByHop(response.headers());
        response.headers().forEach((name, value) -> {
            if (!skip.contains(name.toLowerCase(Locale.ROOT))) {
                request.addHeader(name, value);
            }
        });
    }

    private static String clientHost(Address peer) {
        return switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> "unknown";
        };
    }
}
