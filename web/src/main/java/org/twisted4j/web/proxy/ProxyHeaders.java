package org.twisted4j.web.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.web.Headers;
import org.twisted4j.web.Request;
import org.twisted4j.web.internal.ResponseHead;
import org.twisted4j.web.internal.ResponseParser;

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

    /** Request fields the proxy writes itself, lower case. */
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
     * Writes the request to send to the server: the client's method and headers, the given target and Host,
     * the X-Forwarded fields, the body's length, and {@code Connection: close} (one request per connection).
     *
     * @param request the client's request
     * @param target the request target for the server, with the query
     * @param host the Host field for the server
     * @param body the request body, sent with its length
     * @return the head and body, ready to write
     */
    static ByteBuffer encodeRequest(Request request, String target, String host, byte[] body) {
        Headers from = request.getRequestHeaders();
        Set<String> skip = hopByHop(from);
        StringBuilder out = new StringBuilder(512);
        out.append(request.getMethod()).append(' ').append(target).append(" HTTP/1.1\r\n");
        out.append("Host: ").append(host).append("\r\n");
        from.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!skip.contains(lower) && !REPLACED.contains(lower)) {
                out.append(name).append(": ").append(value).append("\r\n");
            }
        });
        List<String> forwardedFor = skip.contains("x-forwarded-for") ? List.of() : from.getAll("X-Forwarded-For");
        out.append("X-Forwarded-For: ");
        for (String earlier : forwardedFor) {
            out.append(earlier).append(", ");
        }
        out.append(clientHost(request.getClientAddress())).append("\r\n");
        String originalHost = request.getHeader("Host");
        if (originalHost != null) {
            out.append("X-Forwarded-Host: ").append(originalHost).append("\r\n");
        }
        out.append("X-Forwarded-Proto: ").append(request.isSecure() ? "https" : "http").append("\r\n");
        if (body.length > 0 || from.contains("Content-Length") || from.contains("Transfer-Encoding")) {
            out.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.append("Connection: close\r\n\r\n");
        byte[] head = out.toString().getBytes(ISO_8859_1);
        ByteBuffer all = ByteBuffer.allocate(head.length + body.length);
        return all.put(head).put(body).flip();
    }

    /** Sets the client's response status and fields from the server's, leaving out the hop-by-hop ones. */
    static void copyResponse(ResponseHead head, Request request) {
        request.setResponseCode(head.code(), head.reason().isEmpty() ? null : head.reason());
        Set<String> skip = hopByHop(head.headers());
        head.headers().forEach((name, value) -> {
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
