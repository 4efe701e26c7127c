package org.twisted4j.web.proxy;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.ErrorPage;
import org.twisted4j.web.Request;
import org.twisted4j.web.client.BodyProducer;
import org.twisted4j.web.client.RequestTransmissionFailed;
import org.twisted4j.web.client.Response;
import org.twisted4j.web.client.ResponseFailed;

/**
 * One client request passed to the server behind the proxy through the HTTP client, and its response streamed
 * back: the head as soon as it arrives, then the body as it comes. While it relays, it is the client
 * connection's push producer, so a slow client pauses reading from the server ({@link Response#pauseBody()}).
 *
 * <p>When the response cannot be relayed: before its head reached the client, the client gets a 502; after,
 * the client's connection is aborted, since a short body would pass for a whole one. When the client goes
 * away, the request to the server is cancelled or its connection aborted.
 *
 * <p>Threading: reactor thread only.
 */
final class ProxyExchange implements PushProducer, BodyReceiver {

    private static final Logger LOG = Logger.forClass(ProxyExchange.class);
    private static final byte[] NOTHING = new byte[0];

    private final Request request;
    private final String server;
    private final @Nullable BodyProducer body;
    private @Nullable Deferred<Response> pending;
    private @Nullable Response response;
    private boolean clientGone;
    private boolean producing;
    private boolean over;
    private long bytesReceived;
    private int pauses;
    private @Nullable Runnable pauseListener;

    /**
     * @param request the client's request
     * @param server the server's {@code host:port}, for the log
     * @param body the request body being passed on, or null
     */
    ProxyExchange(Request request, String server, @Nullable BodyProducer body) {
        this.request = request;
        this.server = server;
        this.body = body;
    }

    /** Follows {@code sent}, the client's request to the server, and the client's connection. */
    void start(Deferred<Response> sent) {
        pending = sent;
        request.notifyFinish().addErrback(reason -> {
            clientGone();
            return null;
        });
        sent.addCallbacks(got -> {
            pending = null;
            headReceived(got);
            return null;
        }, failure -> {
            pending = null;
            failed(failure);
            return null;
        });
    }

    // ---- the response, to the client

    private void headReceived(Response got) {
        if (clientGone) {
            got.abortBody();
            return;
        }
        response = got;
        ProxyHeaders.copyResponse(got, request);
        request.registerProducer(this, true);
        producing = true;
        request.write(NOTHING); // the status line and headers go now, before any body
        got.deliverBody(this);
    }

    private void failed(Failure failure) {
        over = true;
        stopBody();
        if (clientGone || request.isFinished()) {
            return;
        }
        Throwable error = failure.value();
        LOG.warn("could not pass {request} to {server}: {reason}", "request", request.toString(), "server", server,
                "reason", failure.getErrorMessage());
        badGateway(request, switch (error) {
            case RequestTransmissionFailed sending -> "The request could not be sent to the server behind this one.";
            case ResponseFailed reading -> "The server behind this one sent a response that could not be read.";
            case CancelledError cancelled -> "The request to the server behind this one was cancelled.";
            default -> "Could not connect to the server behind this one.";
        });
    }

    @Override
    public void dataReceived(ByteBuffer piece) {
        bytesReceived += piece.remaining();
        if (clientGone) {
            return;
        }
        // The piece is valid only during the call; the client's transport may keep what it is given.
        request.write(ByteBuffer.allocate(piece.remaining()).put(piece).flip());
    }

    @Override
    public void bodyFinished() {
        over = true;
        if (clientGone) {
            return;
        }
        stopRelaying();
        request.finish();
    }

    @Override
    public void bodyFailed(Failure reason) {
        over = true;
        if (clientGone) {
            return;
        }
        LOG.warn("the response from {server} to {request} broke off: {reason}", "server", server, "request",
                request.toString(), "reason", reason.getErrorMessage());
        stopRelaying();
        clientGone = true;
        request.abortConnection();
    }

    /** Answers 502 with a short page; for a request whose response has not begun. */
    static void badGateway(Request request, String detail) {
        byte[] page = new ErrorPage(502, "Bad Gateway", detail).render(request);
        request.setHeader("Content-Length", Integer.toString(page.length));
        request.write(page);
        request.finish();
    }

    // ---- PushProducer: the client's connection regulates reading from the server

    @Override
    public void pauseProducing() {
        pauses++;
        Response got = response;
        if (got != null) {
            got.pauseBody();
        }
        Runnable listener = pauseListener;
        if (listener != null) {
            listener.run();
        }
    }

    @Override
    public void resumeProducing() {
        Response got = response;
        if (got != null) {
            got.resumeBody();
        }
    }

    /** The client's connection is gone: so is the reason to read from the server. */
    @Override
    public void stopProducing() {
        producing = false;
        clientGone();
    }

    /** The client went away: call the request off, or drop the connection to the server. */
    private void clientGone() {
        if (clientGone) {
            return;
        }
        clientGone = true;
        Deferred<Response> waiting = pending;
        Response got = response;
        if (waiting != null) {
            waiting.cancel();
        } else if (got != null && !over) {
            got.abortBody();
        }
        stopBody();
    }

    private void stopBody() {
        BodyProducer sending = body;
        if (sending != null) {
            sending.stopProducing();
        }
    }

    private void stopRelaying() {
        if (producing) {
            producing = false;
            request.unregisterProducer();
        }
    }

    // ---- for tests

    /** Returns the request body being streamed to the server, or null if it was sent whole or there is none. */
    @Nullable StreamedRequestBody requestBody() {
        return body instanceof StreamedRequestBody streamed ? streamed : null;
    }

    /** Returns the bytes of the response body received from the server so far. */
    long bytesReceived() {
        return bytesReceived;
    }

    /** Returns how many times the client's connection has paused reading from the server. */
    int pauses() {
        return pauses;
    }

    /** Sets what to run each time the client's connection pauses reading from the server. */
    void setPauseListener(@Nullable Runnable listener) {
        pauseListener = listener;
    }

    @Override
    public String toString() {
        return "ProxyExchange(" + request + " to " + server + ", " + bytesReceived + " bytes received)";
    }
}
