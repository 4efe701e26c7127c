package org.twisted4j.web;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.internet.Protocol;

/**
 * The sending half of a {@link Request}: its status and headers, whether its head has gone, the body's
 * encoding and count, its end, and who waits for that end. {@link Request}'s public methods say what each
 * step does; this keeps the state they share and puts the bytes on the request's {@link ResponseWire}.
 * Reactor thread only.
 */
final class ResponseSender {

    private final Request request;
    private final RequestChannel channel;
    private final ResponseWire wire;
    private final Headers headers = new Headers();
    private final List<Deferred<@Nullable Void>> finishWaiters = new ArrayList<>(1);
    private int code = 200;
    private @Nullable String message;
    private boolean headersSent;
    private boolean bodyless;
    private boolean finished;
    private @Nullable Failure lost;
    private long bytesSent;
    private @Nullable Encoder encoder;

    ResponseSender(Request request, RequestChannel channel, ResponseWire wire) {
        this.request = request;
        this.channel = channel;
        this.wire = wire;
    }

    Headers headers() {
        return headers;
    }

    int code() {
        return code;
    }

    void status(int code, @Nullable String message) {
        checkNotSent();
        this.code = code;
        this.message = message;
    }

    boolean headersSent() {
        return headersSent;
    }

    boolean finished() {
        return finished;
    }

    long bytesSent() {
        return bytesSent;
    }

    boolean keepAlive() {
        return wire.keepAlive();
    }

    void checkNotSent() {
        if (headersSent) {
            throw new IllegalStateException("the response headers of " + request + " have been sent");
        }
    }

    private void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("write after finish on " + request);
        }
    }

    void write(ByteBuffer data) {
        checkNotFinished();
        if (!headersSent) {
            sendHead(-1, ResponseHeads.NO_BODY);
        }
        int n = data.remaining();
        if (lost != null || bodyless || n == 0) {
            data.position(data.limit());
            return;
        }
        Encoder coding = encoder;
        if (coding != null) {
            data = ByteBuffer.wrap(coding.encode(data));
            if ((n = data.remaining()) == 0) {
                return;
            }
        }
        bytesSent += n;
        wire.body(data);
    }

    void writeRaw(ByteBuffer data) {
        checkNotFinished();
        if (!headersSent) {
            headersSent = true;
            wire.startRaw();
            encoder = null;
        } else if (!wire.raw()) {
            checkNotSent();
        }
        int n = data.remaining();
        if (lost != null || n == 0) {
            data.position(data.limit());
            return;
        }
        bytesSent += n;
        wire.rawBytes(data);
    }

    @Nullable Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
        checkNotFinished();
        FileRegionTransport files = channel.fileRegions();
        if (files == null || !files.canWriteFile()) {
            return null;
        }
        if (!headersSent) {
            sendHead(-1, ResponseHeads.NO_BODY);
        }
        if (lost != null || bodyless || count == 0) {
            return Deferred.succeed(null);
        }
        if (!wire.plainBody() || encoder != null) {
            return null;
        }
        bytesSent += count;
        return files.writeFile(file, position, count);
    }

    void switchProtocols(Protocol protocol) {
        if (code != 101) {
            throw new IllegalStateException("switchProtocols needs the response code 101, not " + code);
        }
        checkNotSent();
        if (finished || lost != null) {
            throw new IllegalStateException(request + " is already finished");
        }
        if (channel.bodyUnread(request)) {
            throw new IllegalStateException("the body of " + request + " has not been read");
        }
        wire.keepForUpgrade();
        channel.switchProtocols(request, Objects.requireNonNull(protocol, "protocol"));
    }

    void finish() {
        if (finished) {
            throw new IllegalStateException("finish called twice on " + request);
        }
        if (lost != null) {
            finished = true;
            return;
        }
        if (!headersSent && encoder != null) {
            finishWith(new byte[0]);
            return;
        }
        if (!headersSent) {
            sendHead(0, ResponseHeads.NO_BODY);
        }
        Encoder coding = encoder;
        if (coding != null) {
            encoder = null;
            write(ByteBuffer.wrap(coding.finish()));
        }
        wire.end();
        finished = true;
        List<Deferred<@Nullable Void>> waiters = List.copyOf(finishWaiters);
        finishWaiters.clear();
        channel.requestDone(request);
        for (Deferred<@Nullable Void> waiter : waiters) {
            waiter.callback(null);
        }
    }

    /** Sends a rendered body with its length, then finishes; a small one leaves with the head in one write. */
    void finishWith(byte[] body) {
        Encoder coding = encoder;
        if (coding != null && !headersSent && startEncoding()) {
            encoder = null;
            byte[] start = coding.encode(ByteBuffer.wrap(body));
            byte[] end = coding.finish();
            body = Arrays.copyOf(start, start.length + end.length);
            System.arraycopy(end, 0, body, start.length, end.length);
        }
        if (!headersSent && lost == null && body.length <= ResponseHeads.JOIN_LIMIT) {
            sendHead(body.length, body);
            bytesSent += bodyless ? 0 : body.length;
            request.finish();
            return;
        }
        if (!headersSent && !headers.contains("Content-Length")) {
            sendHead(body.length, ResponseHeads.NO_BODY);
        }
        if (body.length > 0) {
            write(ByteBuffer.wrap(body));
        }
        request.finish();
    }

    Deferred<@Nullable Void> notifyFinish() {
        Failure reason = lost;
        if (reason != null) {
            return Deferred.fail(reason);
        }
        if (finished) {
            return Deferred.succeed(null);
        }
        Deferred<@Nullable Void> waiter = new Deferred<>();
        finishWaiters.add(waiter);
        return waiter;
    }

    /** The client went away first: what waits for the end is told why; what is written from now is dropped. */
    void connectionLost(Failure reason) {
        if (finished || lost != null) {
            return;
        }
        Failure why = reason.check(ConnectionDone.class) != null
                ? new Failure(new ConnectionDone("the connection was closed before the response was finished"))
                : reason;
        lost = why;
        List<Deferred<@Nullable Void>> waiters = List.copyOf(finishWaiters);
        finishWaiters.clear();
        for (Deferred<@Nullable Void> waiter : waiters) {
            waiter.errback(why);
        }
    }

    /** Sets the encoder the body goes through; {@link EncodingResourceWrapper} describes when it applies. */
    void setEncoder(Encoder encoder) {
        checkNotSent();
        this.encoder = encoder;
    }

    private boolean startEncoding() {
        Encoder coding = encoder;
        if (coding != null && !EncodingResourceWrapper.start(request, coding)) {
            encoder = null;
        }
        return encoder != null;
    }

    /**
     * Marks the head sent and sends it through the wire, followed by {@code body} unless the response has
     * none; {@code knownLength} is the body's length, or -1.
     */
    private void sendHead(long knownLength, byte[] body) {
        startEncoding();
        headersSent = true;
        boolean noBody = code < 200 || code == 204 || code == 304;
        boolean headMethod = request.getMethod().equals("HEAD");
        bodyless = noBody || headMethod;
        if (channel.bodyUnread(request)) {
            wire.closeAfter();
        }
        wire.head(code, message, headers, knownLength, noBody, headMethod, bodyless ? ResponseHeads.NO_BODY : body);
    }
}
