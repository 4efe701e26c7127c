package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.tls.TlsAware;
import org.twisted4j.protocols.tls.TlsTransport;
import org.twisted4j.web.http2.Http2Connection;

/**
 * One HTTP/1.1 connection: parses requests, renders them through the {@link Site} one at a time in the
 * order they came (pipelined ones wait their turn), keeps the connection alive between them, and applies
 * the idle and header-read timeouts. Reactor thread only.
 */
final class HTTPChannel extends Protocol implements HttpParser.Listener, TlsAware, RequestChannel {

    private static final Logger LOG = Logger.forClass(HTTPChannel.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1);

    private final Site site;
    private final HttpParser parser;
    private final ConnectionTimers timers;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    /** The request whose body is being read, or that waits for its turn to have its body read. */
    private @Nullable Request receiving;
    /** The request being answered; a request with a body is current from when its body starts. */
    private @Nullable Request current;
    /** Bytes received while the parser was paused, in order, not yet parsed. */
    private @Nullable ByteBuffer held;
    private int pendingError;
    private String pendingErrorReason = "";
    private boolean closing;
    private boolean pipelineFull;
    private boolean bodyPaused;
    private boolean upgradeHeld;
    private boolean readingPaused;
    private boolean feeding;
    private boolean dispatching;
    private boolean secure;
    /** Watches the first bytes for HTTP/2 by prior knowledge; null once they have told (or with HTTP/2 off). */
    private @Nullable PrefaceWatch preface;
    /** The protocol the connection was handed to by {@link #switchProtocols}; it gets all that follows. */
    private @Nullable Protocol switched;

    HTTPChannel(Site site) {
        this.site = site;
        this.parser = new HttpParser(this, site.limits());
        this.timers = new ConnectionTimers(site, this::headTimedOut, this::idleTimedOut);
        this.preface = site.isHttp2() ? new PrefaceWatch() : null;
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public boolean isSecure() {
        return secure || transport() instanceof TlsTransport;
    }

    @Override
    public Address host() {
        return transport().getHost();
    }

    @Override
    public Address peer() {
        return transport().getPeer();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        transport().registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        transport().unregisterProducer();
    }

    @Override
    public void abortConnection() {
        transport().abortConnection();
    }

    @Override
    public @Nullable FileRegionTransport fileRegions() {
        return transport() instanceof FileRegionTransport files ? files : null;
    }

    @Override
    public void handshakeCompleted(TlsHandshakeInfo info) {
        secure = true;
        if ("h2".equals(info.applicationProtocol()) && switched == null) {
            startHttp2(null);
        }
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
        Protocol next = switched;
        if (next != null) {
            next.dataReceived(data);
            return;
        }
        if (closing) {
            return;
        }
        PrefaceWatch watch = preface;
        if (watch != null) {
            switch (watch.offer(data)) {
                case UNDECIDED -> {
                    return;
                }
                case HTTP1 -> {
                    preface = null;
                    data = watch.received(data);
                }
                case HTTP2 -> {
                    preface = null;
                    startHttp2(watch.received(data));
                    return;
                }
            }
        }
        ByteBuffer pending = held;
        if (pending != null) {
            held = ByteBuffer.allocate(pending.remaining() + data.remaining()).put(pending).put(data).flip();
            return;
        }
        feed(data, false);
        updateTimers();
    }

    /**
     * Parses what the parser takes of {@code data}; the rest is held, copied unless {@code owned} (a buffer
     * from the transport is only lent).
     */
    private void feed(ByteBuffer data, boolean owned) {
        feeding = true;
        try {
            parser.feed(data);
        } finally {
            feeding = false;
        }
        Protocol next = switched;
        if (next != null) {
            // A request answered during this parse handed the connection over: the rest is the new protocol's.
            if (data.hasRemaining()) {
                next.dataReceived(data);
            }
            return;
        }
        if (data.hasRemaining() && !closing) {
            held = owned ? data : ByteBuffer.allocate(data.remaining()).put(data).flip();
        }
        updateReading();
    }

    /** Lets the parser go on, parsing what was held meanwhile (unless a parse is running: it goes on). */
    private void resumeParsing() {
        parser.resume();
        if (feeding) {
            return;
        }
        ByteBuffer pending = held;
        held = null;
        if (pending != null) {
            feed(pending, true);
        } else {
            updateReading();
        }
        updateTimers();
    }

    /** Pauses the socket while the parser is paused or too many requests wait, and resumes it after. */
    private void updateReading() {
        if (closing) {
            return;
        }
        boolean pause = parser.paused() || pipelineFull;
        if (pause != readingPaused) {
            readingPaused = pause;
            if (pause) {
                transport().pauseProducing();
            } else {
                transport().resumeProducing();
            }
        }
    }

    // ---- parser events

    @Override
    public void headReceived(RequestHead head) {
        if (closing) {
            return;
        }
        Request request = new Request(this, head, new Http11Response(this, head));
        receiving = request;
        if (head.contentLength() != 0) {
            if (current == null && waiting.isEmpty()) {
                startBody(request);
            } else {
                parser.pause();
            }
        }
    }

    /**
     * Routes a request whose body is next, letting a {@link StreamingResource} refuse or take the body, and
     * asks the client for the body if it waits for {@code 100 Continue}.
     */
    private void startBody(Request request) {
        current = request;
        bodyPaused = false;
        site.route(request);
        if (request.isFinished() || closing) {
            return;
        }
        if (request.head().expectContinue() && request.head().http11()) {
            send(ByteBuffer.wrap(CONTINUE));
        }
    }

    @Override
    public void bodyReceived(ByteBuffer piece) {
        Request request = receiving;
        if (request == null || closing) {
            return;
        }
        try {
            request.bodyPiece(piece);
        } catch (Exception e) {
            bodyBroke(request, e);
        }
    }

    @Override
    public void bodyFinished() {
        Request request = receiving;
        receiving = null;
        if (bodyPaused) {
            bodyPaused = false;
            parser.resume();
        }
        if (request == null || closing) {
            return;
        }
        try {
            if (!request.bodyEnded()) {
                return;
            }
        } catch (Exception e) {
            bodyBroke(request, e);
            return;
        }
        if (request == current) {
            site.render(request);
            return;
        }
        waiting.add(request);
        if (waiting.size() > site.getMaxPipelinedRequests()) {
            pipelineFull = true;
        }
        if (RequestTargets.asksToUpgrade(request.head())) {
            // What follows may be in another protocol: parse it only once this request is answered.
            upgradeHeld = true;
            parser.pause();
        }
        processNext();
    }

    /** A receiver or the body's spooling failed: answers 500 if it can, and closes. */
    private void bodyBroke(Request request, Exception e) {
        site.processingFailed(request, new Failure(e));
        if (!closing) {
            closeAfterResponse();
        }
    }

    @Override
    public void parseFailed(int status, String reason) {
        if (closing) {
            return;
        }
        Request partial = receiving;
        receiving = null;
        if (partial != null && partial == current) {
            current = null;
            partial.bodyFailed(new Failure(new ProtocolException("request body refused: " + status + " " + reason)));
            if (partial.headersSent()) {
                closeAfterResponse();
                return;
            }
        }
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
                if (pipelineFull && waiting.size() <= site.getMaxPipelinedRequests() / 2) {
                    pipelineFull = false;
                    updateReading();
                }
                site.render(next);
            }
        } finally {
            dispatching = false;
        }
        if (current == null && waiting.isEmpty() && !closing && switched == null) {
            Request next = receiving;
            if (pendingError != 0) {
                sendError(pendingError, pendingErrorReason);
            } else if (next != null) {
                startBody(next);
                if (!closing) {
                    resumeParsing();
                }
            } else if (upgradeHeld) {
                upgradeHeld = false;
                resumeParsing();
            }
        }
    }

    /** Whether a request's response goes out before its body has been read in full. */
    @Override
    public boolean bodyUnread(Request request) {
        return request == receiving;
    }

    @Override
    public void pauseBody(Request request) {
        if (request == receiving && request == current && !bodyPaused) {
            bodyPaused = true;
            parser.pause();
            updateReading();
            updateTimers();
        }
    }

    @Override
    public void resumeBody(Request request) {
        if (request == receiving && bodyPaused) {
            bodyPaused = false;
            resumeParsing();
        }
    }

    /**
     * Gives the connection to {@code protocol} once {@code request}'s 101 head is sent: it gets the bytes
     * that came after the request and everything after them.
     */
    @Override
    public void switchProtocols(Request request, Protocol protocol) {
        if (request != current || !waiting.isEmpty() || receiving != null || closing) {
            throw new IllegalStateException("cannot switch protocols for " + request
                    + ": it is not the last request on its connection, or the connection is closing");
        }
        switched = protocol;
        request.finish();
        current = null;
        ByteBuffer rest = held;
        held = null;
        handOver(protocol, rest);
    }

    /** Gives the connection to {@code protocol}, with {@code rest} as the first bytes it receives. */
    private void handOver(Protocol protocol, @Nullable ByteBuffer rest) {
        switched = protocol;
        timers.cancel();
        if (readingPaused) {
            readingPaused = false;
            transport().resumeProducing();
        }
        protocol.makeConnection(transport());
        if (rest != null && rest.hasRemaining()) {
            protocol.dataReceived(rest);
        }
    }

    /** Serves the rest of the connection as HTTP/2, each stream a request of the site. */
    private void startHttp2(@Nullable ByteBuffer received) {
        handOver(Http2Connection.server(site.time(), stream -> new Http2StreamRequest(this, stream),
                site.getHttp2Settings(), site.getHttp2Limits()), received);
    }

    /** Called by a request when it finishes. */
    @Override
    public void requestDone(Request request) {
        site.logAccess(request);
        if (request != current || switched != null) {
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
        parser.pause();
        held = null;
        timers.cancel();
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
        Protocol next = switched;
        if (next != null) {
            timers.cancel();
            next.connectionLost(reason);
            return;
        }
        closing = true;
        held = null;
        timers.cancel();
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
            partial.bodyFailed(reason);
        }
    }

    // ---- timeouts

    private void updateTimers() {
        if (closing || switched != null) {
            return;
        }
        boolean readingBody = current != null && current == receiving && !bodyPaused;
        if (parser.inHead()) {
            timers.readingHead();
        } else if ((current != null || !waiting.isEmpty()) && !readingBody) {
            timers.busy();
        } else {
            timers.idle();
        }
    }

    private void headTimedOut() {
        LOG.debug("request head from {peer} not complete in time", "peer", transport().getPeer());
        if (current == null && waiting.isEmpty()) {
            sendError(408, "request head not received in time");
        } else {
            closeAfterResponse();
        }
    }

    private void idleTimedOut() {
        closing = true;
        timers.cancel();
        transport().loseConnection();
    }
}
