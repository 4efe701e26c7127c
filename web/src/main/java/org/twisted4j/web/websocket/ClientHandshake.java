package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.Protocol;
import org.twisted4j.web.Headers;

/**
 * A client's opening handshake (RFC 6455 section 4.1): sends the upgrade request, reads and checks the
 * server's answer, then hands the connection, and any bytes that came after the answer, to a
 * {@link WebSocketSession}, to which it forwards everything from then on.
 */
final class ClientHandshake extends Protocol {
    private static final int MAX_RESPONSE_HEAD = 16 * 1024;
    private static final int END_OF_HEAD = 0x0d0a0d0a;

    private final URI uri;
    private final WebSocketHandler handler;
    private final WebSocketOptions options;
    private final ReactorTime clock;
    private final SecureRandom random;
    private final Deferred<WebSocketConnection> result;
    private final String key;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private @Nullable WebSocketSession session;
    private boolean done;
    private int lastFour;

    ClientHandshake(URI uri, WebSocketHandler handler, WebSocketOptions options, ReactorTime clock,
            SecureRandom random, Deferred<WebSocketConnection> result) {
        this.uri = uri;
        this.handler = handler;
        this.options = options;
        this.clock = clock;
        this.random = random;
        this.result = result;
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    @Override
    public void connectionMade() {
        StringBuilder request = new StringBuilder("GET ").append(target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: ").append(WebSocketResource.VERSION).append("\r\n");
        if (!options.subprotocols().isEmpty()) {
            request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", options.subprotocols()))
                    .append("\r\n");
        }
        if (options.permessageDeflate()) {
            request.append("Sec-WebSocket-Extensions: ").append(PerMessageDeflate.offer(options.noContextTakeover()))
                    .append("\r\n");
        }
        transport().write(request.append("\r\n").toString().getBytes(ISO_8859_1));
    }

    private String target() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private String hostHeader() {
        String host = uri.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        return port < 0 || port == WebSocketClient.defaultPort(uri) ? host : host + ":" + port;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        WebSocketSession open = session;
        if (open != null) {
            open.dataReceived(data);
            return;
        }
        if (done) {
            return;
        }
        while (data.hasRemaining()) {
            byte b = data.get();
            head.write(b);
            lastFour = (lastFour << 8) | (b & 0xff);
            if (lastFour == END_OF_HEAD) {
                answered(data);
                return;
            }
            if (head.size() > MAX_RESPONSE_HEAD) {
                refuse(0, "the server's answer is longer than " + MAX_RESPONSE_HEAD + " bytes");
                return;
            }
        }
    }

    /** The head is complete: check it, and open the session with the bytes after it. */
    private void answered(ByteBuffer rest) {
        String[] lines = head.toString(ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            refuse(0, "not an HTTP answer: " + lines[0]);
            return;
        }
        int code = Integer.parseInt(status[1]);
        Headers headers = new Headers();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                refuse(code, "malformed header line: " + lines[i]);
                return;
            }
            headers.add(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
        }
        String problem = check(code, headers);
        if (problem != null) {
            refuse(code, problem);
            return;
        }
        PerMessageDeflate.Agreement deflate;
        try {
            List<String> extensions = headers.getAll("Sec-WebSocket-Extensions");
            deflate = PerMessageDeflate.check(HeaderTokens.extensions(extensions), String.join(", ", extensions),
                    options.noContextTakeover());
        } catch (IllegalArgumentException e) {
            refuse(code, "bad Sec-WebSocket-Extensions: " + e.getMessage());
            return;
        }
        if (deflate != null && !options.permessageDeflate()) {
            refuse(code, "the server agreed to permessage-deflate, which was not offered");
            return;
        }
        done = true;
        String subprotocol = headers.get("Sec-WebSocket-Protocol");
        WebSocketSession opened = new WebSocketSession(handler, options, clock, subprotocol, deflate,
                random::nextInt);
        session = opened;
        opened.makeConnection(transport());
        result.callback(opened);
        if (rest.hasRemaining()) {
            opened.dataReceived(rest);
        }
    }

    /** Returns what is wrong with the server's answer, or null if it accepts the connection. */
    private @Nullable String check(int code, Headers headers) {
        if (code != 101) {
            return "the server answered " + code + " instead of 101 Switching Protocols";
        }
        if (!HeaderTokens.hasToken(headers.getAll("Upgrade"), "websocket")
                || !HeaderTokens.hasToken(headers.getAll("Connection"), "upgrade")) {
            return "the answer lacks Upgrade: websocket or Connection: Upgrade";
        }
        String accept = headers.get("Sec-WebSocket-Accept");
        if (accept == null || !accept.equals(HeaderTokens.acceptFor(key))) {
            return "wrong Sec-WebSocket-Accept: " + accept;
        }
        List<String> subprotocols = headers.getAll("Sec-WebSocket-Protocol");
        if (subprotocols.size() > 1 || (subprotocols.size() == 1
                && !options.subprotocols().contains(subprotocols.getFirst()))) {
            return "the server chose a subprotocol that was not offered: " + subprotocols;
        }
        return null;
    }

    private void refuse(int status, String message) {
        done = true;
        result.errback(new WebSocketHandshakeError(status, message));
        transport().loseConnection();
    }

    /** Stops the handshake, as when its Deferred is cancelled before it completes. */
    void cancel() {
        if (!done) {
            done = true;
            transport().abortConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        WebSocketSession open = session;
        if (open != null) {
            open.connectionLost(reason);
            return;
        }
        if (!done) {
            done = true;
            result.errback(new WebSocketHandshakeError(0,
                    "the connection ended before the handshake completed: " + reason.getErrorMessage()));
        }
    }
}
