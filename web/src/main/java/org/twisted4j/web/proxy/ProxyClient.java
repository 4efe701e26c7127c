package org.twisted4j.web.proxy;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.ErrorPage;
import org.twisted4j.web.Request;
import org.twisted4j.web.internal.ResponseHead;
import org.twisted4j.web.internal.ResponseParser;

/**
 * The proxy's connection to the server behind it, for one client request: sends the request, parses the
 * response, and streams it to the client as it comes. It is the client connection's push producer while it
 * relays, so a slow client pauses reading from the server.
 *
 * <p>When the response cannot be relayed (bad or cut short): before its head reached the client, the client
 * gets a 502; after, the client's connection is aborted, since a short body would pass for a whole one.
 *
 * <p>Threading: reactor thread only.
 */
final class ProxyClient extends Protocol implements ResponseParser.Listener, PushProducer {

    private static final Logger LOG = Logger.forClass(ProxyClient.class);
    private static final byte[] NOTHING = new byte[0];

    private final Request request;
    private final ByteBuffer outgoing;
    private final ResponseParser parser;
    private boolean connected;
    private boolean clientGone;
    private boolean backendClosed;
    private boolean headRelayed;
    private boolean producing;
    private boolean done;
    private long bytesReceived;
    private int pauses;
    private @Nullable Runnable pauseListener;

    ProxyClient(Request request, ByteBuffer outgoing) {
        this.request = request;
        this.outgoing = outgoing;
        this.parser = new ResponseParser(this, request.getMethod().equals("HEAD"));
    }

    // ---- the server side

    @Override
    public void connectionMade() {
        connected = true;
        if (clientGone) {
            transport().abortConnection();
            return;
        }
        transport().write(outgoing);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        bytesReceived += data.remaining();
        parser.feed(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        backendClosed = true;
        parser.connectionClosed();
    }

    // ---- the response, to the client

    @Override
    public void headReceived(ResponseHead head) {
        if (clientGone) {
            return;
        }
        ProxyHeaders.copyResponse(head, request);
        headRelayed = true;
        request.registerProducer(this, true);
        producing = true;
        request.write(NOTHING); // the status line and headers go now, before any body
    }

    @Override
    public void bodyReceived(ByteBuffer piece) {
        if (clientGone) {
            return;
        }
        // The piece is a view of a buffer the reactor reuses; the client's transport may keep what it writes.
        request.write(ByteBuffer.allocate(piece.remaining()).put(piece).flip());
    }

    @Override
    public void bodyFinished() {
        done = true;
        if (!backendClosed) {
            transport().loseConnection();
        }
        if (clientGone) {
            return;
        }
        stopRelaying();
        request.finish();
    }

    @Override
    public void parseFailed(String reason) {
        done = true;
        closeBackend();
        if (clientGone) {
            return;
        }
        LOG.warn("bad response from {server} to {request}: {reason}", "server", backendName(), "request",
                request.toString(), "reason", reason);
        if (headRelayed) {
            stopRelaying();
            clientGone = true;
            request.abortConnection();
        } else {
            badGateway(request, "The server behind this one sent a response that could not be read.");
        }
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
        if (!backendClosed) {
            transport().pauseProducing();
        }
        Runnable listener = pauseListener;
        if (listener != null) {
            listener.run();
        }
    }

    @Override
    public void resumeProducing() {
        if (!backendClosed) {
            transport().resumeProducing();
        }
    }

    /** The client's connection is gone: so is the reason to read from the server. */
    @Override
    public void stopProducing() {
        producing = false;
        clientGone();
    }

    /** The client went away: drop the connection to the server. */
    void clientGone() {
        clientGone = true;
        if (!done) {
            done = true;
            if (connected) {
                closeBackend();
            }
        }
    }

    // ---- for tests

    /** Returns the bytes received from the server so far. */
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

    private void stopRelaying() {
        if (producing) {
            producing = false;
            request.unregisterProducer();
        }
    }

    /** Closes the connection to the server at once: what it still sends is not wanted. */
    private void closeBackend() {
        if (!backendClosed) {
            transport().abortConnection();
        }
    }

    private String backendName() {
        return backendClosed ? "the server" : transport().getPeer().toString();
    }

    @Override
    public String toString() {
        return "ProxyClient(" + request + ", " + bytesReceived + " bytes received)";
    }
}
