package org.twisted4j.web.distrib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.logger.Logger;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.spread.pb.Referenceable;
import org.twisted4j.spread.pb.Remote;
import org.twisted4j.spread.pb.RemoteReference;
import org.twisted4j.web.ErrorPage;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * Forwards requests to a {@link ResourcePublisher} over Perspective Broker on a UNIX socket, Twisted's
 * {@code distrib.ResourceSubscription}: the method, the rest of the path (what is left below this resource) with
 * the query, the headers, the body (as the {@code Site}'s body limit let it in), the client's address; the
 * publisher's status, headers and body come back as it writes them.
 *
 * <pre>{@code
 * root.putChild("blog", new ResourceSubscription(reactor, Path.of("/home/alice/.twistd-web-pb")));
 * }</pre>
 *
 * <p>One connection serves every request, made at the first and made again after it is lost. A publisher that
 * cannot be reached answers {@code 502 Bad Gateway}; one lost before its response began, too; one lost in the
 * middle of a body ends the response where it stopped.
 *
 * <p>Threading: reactor thread only.
 */
public final class ResourceSubscription extends Resource {

    private static final Logger LOG = Logger.forClass(ResourceSubscription.class);

    private final ReactorUnix reactor;
    private final Path socket;
    private @Nullable RemoteReference publisher;
    private final List<Deferred<RemoteReference>> waiting = new ArrayList<>();

    /**
     * Subscribes to the publisher listening on a UNIX socket.
     *
     * @param reactor the reactor that connects
     * @param socket the publisher's socket
     */
    public ResourceSubscription(ReactorUnix reactor, Path socket) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /** Returns the publisher's socket. */
    public Path socket() {
        return socket;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public byte[] render(Request request) {
        String target = request.getUri();
        int consumed = request.prepath().size();
        List<List<String>> headers = new ArrayList<>();
        request.getRequestHeaders().forEach((name, value) -> headers.add(List.of(name, value)));
        byte[] content = request.content();
        List<byte[]> body = new ArrayList<>();
        for (int at = 0; at < content.length; at += ResourcePublisher.PIECE) {
            body.add(Arrays.copyOfRange(content, at, Math.min(content.length, at + ResourcePublisher.PIECE)));
        }
        Writer writer = new Writer(request);
        rootObject()
                .addCallbackDeferred(root -> {
                    root.notifyOnDisconnect(writer.onLost);
                    writer.root = root;
                    return root.callRemote("request", request.getMethod(), target, Integer.toString(consumed), headers, body,
                            ResourcePublisher.pair(request.getClientAddress()),
                            ResourcePublisher.pair(request.getHost()), request.isSecure(), writer);
                })
                .addErrback(failure -> {
                    writer.failed(failure);
                    return null;
                });
        return NOT_DONE_YET;
    }

    /** The publisher's root, at once when connected, else when a connection (the one being made) is. */
    private Deferred<RemoteReference> rootObject() {
        RemoteReference current = publisher;
        if (current != null && !current.broker().isDisconnected()) {
            return Deferred.succeed(current);
        }
        publisher = null;
        Deferred<RemoteReference> answer = new Deferred<>();
        waiting.add(answer);
        if (waiting.size() == 1) {
            connect();
        }
        return answer;
    }

    private void connect() {
        PBClientFactory factory = new PBClientFactory();
        try {
            reactor.connectUNIX(socket, factory);
        } catch (RuntimeException e) {
            settle(null, new Failure(e));
            return;
        }
        factory.getRootObject()
                .addCallback(root -> {
                    publisher = root;
                    root.notifyOnDisconnect(lost -> {
                        if (publisher == lost) {
                            publisher = null;
                        }
                    });
                    settle(root, null);
                    return null;
                })
                .addErrback(failure -> {
                    settle(null, failure);
                    return null;
                });
    }

    private void settle(@Nullable RemoteReference root, @Nullable Failure failure) {
        List<Deferred<RemoteReference>> ready = new ArrayList<>(waiting);
        waiting.clear();
        for (Deferred<RemoteReference> each : ready) {
            if (root != null) {
                each.callback(root);
            } else {
                each.errback(Objects.requireNonNull(failure));
            }
        }
    }

    /** Writes the publisher's response to the request it answers; the publisher calls it. */
    public static final class Writer implements Referenceable {
        private final Request request;
        private final Consumer<RemoteReference> onLost = this::lost;
        private @Nullable RemoteReference root;
        private boolean headed;
        private boolean done;

        Writer(Request request) {
            this.request = request;
        }

        /**
         * The response's status and headers.
         *
         * @param code the status code
         * @param message the reason phrase, or null
         * @param headers {@code [name, value]} pairs
         */
        @Remote
        public void head(long code, @Nullable String message, List<Object> headers) {
            if (done || request.isFinished()) {
                return;
            }
            headed = true;
            request.setResponseCode((int) code, message);
            request.getResponseHeaders().remove("Content-Type");
            for (Object pair : headers) {
                List<?> field = (List<?>) pair;
                request.addHeader(ResourcePublisher.text(field.get(0)), ResourcePublisher.text(field.get(1)));
            }
        }

        /**
         * A piece of the body.
         *
         * @param data the bytes
         */
        @Remote
        public void write(byte[] data) {
            if (!done && !request.isFinished()) {
                request.write(data);
            }
        }

        /** The response is complete. */
        @Remote
        public void finish() {
            if (!done) {
                done = true;
                release();
                if (!request.isFinished()) {
                    request.finish();
                }
            }
        }

        private void release() {
            RemoteReference current = root;
            if (current != null) {
                current.dontNotifyOnDisconnect(onLost);
            }
        }

        void lost(RemoteReference root) {
            failed(new Failure(new IllegalStateException("the connection to the personal server was lost")));
        }

        void failed(Failure failure) {
            if (done) {
                return;
            }
            done = true;
            release();
            if (request.isFinished()) {
                return;
            }
            if (headed) {
                request.abortConnection();
                return;
            }
            LOG.warn("cannot reach the personal server for {request}: {error}", "request", request.toString(),
                    "error", failure.value().toString());
            request.setResponseCode(502);
            request.setHeader("Content-Type", "text/html; charset=utf-8");
            byte[] page = new ErrorPage(502, "Bad Gateway", "The personal server for this address is not running"
                    + " or cannot be reached.").render(request);
            request.write(page);
            request.finish();
        }
    }
}
