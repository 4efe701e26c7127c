package org.twisted4j.web.distrib;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.logger.Logger;
import org.twisted4j.spread.pb.Remote;
import org.twisted4j.spread.pb.RemoteReference;
import org.twisted4j.spread.pb.Root;
import org.twisted4j.web.CopiedRequest;
import org.twisted4j.web.Headers;
import org.twisted4j.web.Request;
import org.twisted4j.web.Site;

/**
 * Publishes a {@link Site} over Perspective Broker, Twisted's {@code distrib.ResourcePublisher}: the root object
 * of a {@code PBServerFactory} whose remote {@code request} renders a copy of a request received by a
 * {@link ResourceSubscription} on another server and writes the response back through the subscription's writer.
 *
 * <pre>{@code
 * Site site = new Site(new StaticFile(home.resolve("public_html")));
 * reactor.listenUNIX(home.resolve(".twistd-web-pb"), new PBServerFactory(new ResourcePublisher(site)));
 * }</pre>
 *
 * <h2>The exchange</h2>
 * {@code request(method, target, consumed, headers, body, client, host, secure, writer)}: headers as a list of
 * {@code [name, value]} pairs, the body as a list of byte strings, the addresses as {@code [host, port]} (an empty
 * list for none). The response comes back as calls on {@code writer}: {@code head(code, message, headers)} once,
 * {@code write(bytes)} for each piece of the body (at most {@link #PIECE} bytes each), then {@code finish()}. A
 * request still being answered when its subscription's connection ends is dropped as for a lost client.
 *
 * <p>Threading: reactor thread only.
 */
public final class ResourcePublisher implements Root {

    /** The largest piece of a body sent in one remote call, well under Banana's string limit. */
    public static final int PIECE = 64 * 1024;

    private static final Logger LOG = Logger.forClass(ResourcePublisher.class);

    private final Site site;

    /**
     * Publishes a site.
     *
     * @param site the site whose resources answer the forwarded requests
     */
    public ResourcePublisher(Site site) {
        this.site = Objects.requireNonNull(site, "site");
    }

    /**
     * Renders a forwarded request; the response goes to {@code writer}.
     *
     * @param method the request method
     * @param target the request target as the client sent it, path and query
     * @param consumed how many leading segments of the path the forwarding server traversed to reach its
     *     subscription (a decimal number): they stay in the request's prepath, so URLs the publisher's resources
     *     build from the request (redirects, links) keep them
     * @param headers the request headers, {@code [name, value]} pairs
     * @param body the request body in pieces
     * @param client the client's {@code [host, port]}, or an empty list
     * @param host the forwarding server's {@code [host, port]}, or an empty list
     * @param secure whether the client came over TLS
     * @param writer the subscription's writer
     */
    @Remote
    public void request(String method, String target, String consumed, List<Object> headers, List<Object> body,
            List<Object> client, List<Object> host, boolean secure, RemoteReference writer) {
        Headers copy = new Headers();
        for (Object pair : headers) {
            List<?> field = (List<?>) pair;
            copy.add(text(field.get(0)), text(field.get(1)));
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Object piece : body) {
            content.writeBytes((byte[]) piece);
        }
        Answer answer = new Answer(writer);
        Request request = CopiedRequest.render(site, method, target, Integer.parseInt(consumed), copy,
                content.toByteArray(), address(client), address(host), secure, answer);
        if (!answer.ended) {
            answer.request = request;
            writer.notifyOnDisconnect(answer.onLost);
        }
    }

    /** Sends a response to the subscription's writer; a request still open when the subscription goes is dropped. */
    private static final class Answer implements CopiedRequest.Sink {
        private final RemoteReference writer;
        private final Consumer<RemoteReference> onLost = this::lost;
        private @Nullable Request request;
        private boolean ended;

        Answer(RemoteReference writer) {
            this.writer = writer;
        }

        @Override
        public void head(int code, @Nullable String message, Headers responseHeaders) {
            List<List<String>> fields = new ArrayList<>();
            responseHeaders.forEach((name, value) -> fields.add(List.of(name, value)));
            send(writer, "head", (long) code, message, fields);
        }

        @Override
        public void body(byte[] data) {
            for (int at = 0; at < data.length; at += PIECE) {
                send(writer, "write", Arrays.copyOfRange(data, at, Math.min(data.length, at + PIECE)));
            }
        }

        @Override
        public void end() {
            ended = true;
            if (request != null) {
                writer.dontNotifyOnDisconnect(onLost);
            }
            send(writer, "finish");
        }

        private void lost(RemoteReference gone) {
            Request open = request;
            if (open != null && !ended) {
                CopiedRequest.lost(open);
            }
        }
    }

    /** Calls the writer; a subscription gone away is only logged, the rest of its response has nowhere to go. */
    private static void send(RemoteReference writer, String method, @Nullable Object... args) {
        try {
            writer.callRemoteNoAnswer(method, args);
        } catch (RuntimeException e) {
            LOG.debug("the subscription went away: {error}", "error", e.toString());
        }
    }

    static String text(@Nullable Object value) {
        return value instanceof byte[] bytes ? new String(bytes, ISO_8859_1) : String.valueOf(value);
    }

    /** An address as {@code [host, port]}, or an empty list if it has none. */
    static List<Object> pair(Address address) {
        return switch (address) {
            case IPv4Address a -> List.of(a.host(), (long) a.port());
            case IPv6Address a -> List.of(a.host(), (long) a.port());
            case UNIXAddress a -> List.of();
        };
    }

    private static Address address(List<Object> pair) {
        if (pair.size() < 2) {
            return new UNIXAddress(null);
        }
        String host = text(pair.get(0));
        int port = ((Number) pair.get(1)).intValue();
        return host.contains(":") ? new IPv6Address(AddressType.TCP, host, port)
                : new IPv4Address(AddressType.TCP, host, port);
    }
}
