package org.twisted4j.web.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Request;
import org.twisted4j.web.client.BodyProducer;

/**
 * A client's request body passed on to the server behind the proxy as it arrives: the site's
 * {@link BodyReceiver} for the request on one side, the client connection's {@link BodyProducer} on the other.
 * Back-pressure runs through it: while the connection to the server is not there yet or is full, reading the
 * client's body is paused ({@link Request#pauseBody()}), so what waits here is at most one read's worth.
 *
 * <p>Threading: reactor thread only.
 */
final class StreamedRequestBody implements BodyProducer, BodyReceiver {

    private final Request request;
    private final long length;
    private final Deferred<@Nullable Void> done = new Deferred<>();
    private final ArrayDeque<ByteBuffer> waiting = new ArrayDeque<>();
    private @Nullable Consumer<ByteBuffer> consumer;
    private @Nullable Failure failed;
    private boolean ended;
    private boolean paused;
    private boolean stopped;
    private boolean requestPaused;
    private long received;
    private @Nullable Runnable pauseListener;

    /**
     * @param request the client's request, whose body this is
     * @param length the body's length from its Content-Length, or {@link BodyProducer#UNKNOWN_LENGTH} for a
     *     chunked one (sent on chunked)
     */
    StreamedRequestBody(Request request, long length) {
        this.request = request;
        this.length = length;
    }

    /** Returns the length for a request's body: its Content-Length, or unknown if it is chunked. */
    static long lengthOf(Request request) {
        String given = request.getHeader("Content-Length");
        if (given == null || request.getRequestHeaders().contains("Transfer-Encoding")) {
            return UNKNOWN_LENGTH;
        }
        try {
            return Long.parseLong(given.strip());
        } catch (NumberFormatException e) {
            return UNKNOWN_LENGTH; // the site's parser refused it already; the body will fail
        }
    }

    /** For tests: returns how many bytes of the body have arrived from the client. */
    long received() {
        return received;
    }

    /** For tests: returns whether reading the client's body is paused now. */
    boolean pausingClient() {
        return requestPaused;
    }

    /** For tests: sets what to run each time reading the client's body pauses. */
    void setPauseListener(@Nullable Runnable listener) {
        pauseListener = listener;
    }

    // ---- BodyProducer: the connection to the server

    @Override
    public long length() {
        return length;
    }

    @Override
    public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> to) {
        consumer = to;
        flush();
        steer();
        return done;
    }

    @Override
    public void pauseProducing() {
        paused = true;
        steer();
    }

    @Override
    public void resumeProducing() {
        paused = false;
        flush();
        steer();
    }

    /** Nothing more is wanted (the server answered, or the exchange is over): the rest is read and dropped. */
    @Override
    public void stopProducing() {
        stopped = true;
        waiting.clear();
        steer();
    }

    // ---- BodyReceiver: the client's request

    @Override
    public void dataReceived(ByteBuffer piece) {
        received += piece.remaining();
        if (stopped) {
            return;
        }
        // The piece is a view of a buffer the reactor reuses; the connection may keep what it is given.
        ByteBuffer copy = ByteBuffer.allocate(piece.remaining()).put(piece).flip();
        Consumer<ByteBuffer> to = consumer;
        if (to != null && !paused && waiting.isEmpty()) {
            to.accept(copy);
        } else {
            waiting.add(copy);
        }
        steer();
    }

    @Override
    public void bodyFinished() {
        ended = true;
        flush();
    }

    @Override
    public void bodyFailed(Failure reason) {
        if (failed == null && !ended) {
            failed = reason;
            waiting.clear();
            flush();
        }
    }

    // ---- internals

    /** Gives what waits to the connection, and tells it of the end, while it takes more. */
    private void flush() {
        Consumer<ByteBuffer> to = consumer;
        if (to == null || stopped || done.isCalled()) {
            return;
        }
        while (!paused && !waiting.isEmpty()) {
            to.accept(waiting.poll());
        }
        Failure why = failed;
        if (why != null) {
            done.errback(why);
        } else if (ended && waiting.isEmpty()) {
            done.callback(null);
        }
    }

    /** Reads the client's body while the connection takes it (or while it is only being dropped). */
    private void steer() {
        boolean wanted = stopped || (consumer != null && !paused && waiting.isEmpty());
        if (wanted && requestPaused) {
            requestPaused = false;
            request.resumeBody();
        } else if (!wanted && !requestPaused && !ended && failed == null) {
            requestPaused = true;
            request.pauseBody();
            Runnable listener = pauseListener;
            if (listener != null) {
                listener.run();
            }
        }
    }
}
