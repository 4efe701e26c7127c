package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.tls.TlsAware;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * One HTTP/1.1 connection: parses requests, renders them through the {@link Site} one at a time in the
 * order they came (pipelined ones wait their turn), keeps the connection alive between them, and applies
 * the idle and header-read timeouts. Reactor thread only.
 */
final class HTTPChannel extends Protocol implements HttpParser.Listener, TlsAware {

    private static final Logger LOG = Logger.forClass(HTTPChannel.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1);

    private final Site site;
    private final HttpParser parser;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private @Nullable Request receiving;
    private @Nullable Request current;
    private boolean continuePending;
    private int pendingError;
    private String pendingErrorReason = "";
    private boolean closing;
    private boolean paused;
    private boolean dispatching;
    private boolean secure;
    private @Nullable DelayedCall idleTimer;
    private double idleSince;
    private @Nullable DelayedCall headTimer;

    HTTPChannel(Site site) {
        this.site = site;
        this.parser = new HttpParser(this, site.limits());
    }

    Site site() {
        return site;
    }

    boolean isSecure() {
        return secure || transport() instanceof TlsTransport;
    }

    @Override
    public void handshakeCompleted(TlsHandshakeInfo info) {
        secure = true;
    }

    /**
     * Turns off Nagle's algorithm on TCP, as web servers do: a response written in several pieces (headers,
     * then streamed body parts) must not wait for the client's delayed acknowledgement of the first piece.
     */
    @Override
    public void connectionMade() {
        if (transport() instanceof TCPTransport tcp) {
            tcp.setTcpNoDelay(true);
        }
        updateTimers();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closing) {
            return;
        }
        parser.feed(data);
        updateTimers();
    }

    // ---- parser events

    @Override
    public void headReceived(RequestHead head) {
        if (closing) {
            return;
        }
        Request request = new Request(this, head);
        receiving = request;
        if (head.expectContinue() && head.http11() && head.contentLength() != 0) {
            if (current == null && waiting.isEmpty()) {
                send(ByteBuffer.wrap(CONTINUE));
            } else {
                continuePending = true;
            }
        }
    }

    @Override
    public void bodyReceived(ByteBuffer piece) {
        Request request = receiving;
        if (request != null) {
            request.appendBody(piece);
        }
    }

    @Override
    public void bodyFinished() {
        Request request = receiving;
        receiving = null;
        continuePending = false;
        if (request == null) {
            return;
        }
        request.bodyComplete();
        waiting.add(request);
        if (waiting.size() > site.getMaxPipelinedRequests() && !paused) {
            paused = true;
            transport().pauseProducing();
        }
        processNext();
    }

    @Override
    public void parseFailed(int status, String reason) {
        if (closing) {
            return;
        }
        receiving = null;
        continuePending = false;
        pendingError = status;
        pendingErrorReason = reason;
        processNext();
    }

    // ---- dispatch

    private void processNext() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            while (current == null && !waiting.isEmpty() && !closing) {
                Request next = waiting.poll();
                current = next;
                if (paused && waiting.size() <= site.getMaxPipelinedRequests() / 2) {
                    paused = false;
                    transport().resumeProducing();
                }
                site.render(next);
            }
        } finally {
            dispatching = false;
        }
        if (current == null && waiting.isEmpty() && !closing) {
            if (pendingError != 0) {
                sendError(pendingError, pendingErrorReason);
            } else if (continuePending && receiving != null) {
                continuePending = false;
                send(ByteBuffer.wrap(CONTINUE));
            }
        }
    }

    /** Called by a request when it finishes. */
    void requestDone(Request request) {
        site.logAccess(request);
        if (request != current) {
            return;
        }
        current = null;
        if (!request.keepAlive()) {
            closeAfterResponse();
            return;
        }
        processNext();
        if (!closing) {
            updateTimers();
        }
    }

    private void closeAfterResponse() {
        closing = true;
        cancelTimers();
        waiting.clear();
        transport().loseConnection();
    }

    /** Answers a request the parser refused, or one that timed out, and closes. */
    void sendError(int status, String reason) {
        byte[] body = (status + " " + Http.reasonPhrase(status) + ": " + reason + "\n").getBytes(ISO_8859_1);
        Headers headers = new Headers();
        headers.addUnchecked("Content-Type", "text/plain; charset=utf-8");
        headers.addUnchecked("Content-Length", Integer.toString(body.length));
        headers.addUnchecked("Connection", "close");
        send(List.of(ResponseHeads.encode(status, null, headers, site), ByteBuffer.wrap(body)));
        closeAfterResponse();
    }

    void send(ByteBuffer data) {
        if (!closing || current != null) {
            transport().write(data);
        }
    }

    void send(List<ByteBuffer> data) {
        if (!closing || current != null) {
            transport().writeSequence(data);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        closing = true;
        cancelTimers();
        Request active = current;
        current = null;
        if (active != null) {
            active.connectionLost(reason);
        }
        for (Request queued : waiting) {
            queued.connectionLost(reason);
        }
        waiting.clear();
        Request partial = receiving;
        receiving = null;
        if (partial != null) {
            partial.connectionLost(reason);
        }
    }

    // ---- timeouts

    private void updateTimers() {
        if (closing) {
            return;
        }
        if (parser.inHead()) {
            cancelIdle();
            double limit = site.getHeaderTimeout();
            if (headTimer == null && limit > 0) {
                headTimer = site.time().callLater(limit, this::headTimedOut);
            }
            return;
        }
        cancelHead();
        double limit = site.getIdleTimeout();
        if (current != null || !waiting.isEmpty() || limit <= 0) {
            cancelIdle();
        } else {
            // Rather than moving the timer at every request, note when idleness began; when the timer fires
            // too early because of that, it waits out the rest.
            idleSince = site.time().seconds();
            DelayedCall timer = idleTimer;
            if (timer == null || !timer.active()) {
                idleTimer = site.time().callLater(limit, this::idleTimedOut);
            } else if (timer.getTime() > idleSince + limit) {
                timer.reset(limit); // the timeout was shortened meanwhile
            }
        }
    }

    private void headTimedOut() {
        headTimer = null;
        LOG.debug("request head from {peer} not complete in time", "peer", transport().getPeer());
        if (current == null && waiting.isEmpty()) {
            sendError(408, "request head not received in time");
        } else {
            closeAfterResponse();
        }
    }

    private void idleTimedOut() {
        idleTimer = null;
        double left = idleSince + site.getIdleTimeout() - site.time().seconds();
        if (left > 0) {
            idleTimer = site.time().callLater(left, this::idleTimedOut);
            return;
        }
        closing = true;
        cancelTimers();
        transport().loseConnection();
    }

    private void cancelIdle() {
        DelayedCall timer = idleTimer;
        idleTimer = null;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
    }

    private void cancelHead() {
        DelayedCall timer = headTimer;
        headTimer = null;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
    }

    private void cancelTimers() {
        cancelIdle();
        cancelHead();
    }
}
