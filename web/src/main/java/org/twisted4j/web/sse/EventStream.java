package org.twisted4j.web.sse;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.Request;

/**
 * One client's event stream: writes events to its request while the connection takes them, keeps them while the
 * connection is full (the channel has paused this producer), and drops the client once more than the limit waits.
 */
final class EventStream implements PushProducer {

    private static final Logger LOG = Logger.forClass(EventStream.class);

    private final EventSourceResource owner;
    private final Request request;
    private final int maxPendingBytes;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean paused;
    private boolean ended;

    EventStream(EventSourceResource owner, Request request, int maxPendingBytes) {
        this.owner = owner;
        this.request = request;
        this.maxPendingBytes = maxPendingBytes;
    }

    void start(List<byte[]> first) {
        request.registerProducer(this, true);
        request.notifyFinish().addBoth(outcome -> {
            end();
            return null;
        });
        for (byte[] bytes : first) {
            send(bytes);
        }
    }

    void send(byte[] bytes) {
        if (ended) {
            return;
        }
        if (!paused && pending.isEmpty()) {
            request.write(ByteBuffer.wrap(bytes));
            return;
        }
        pending.addLast(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes > maxPendingBytes) {
            LOG.info("Dropping event-stream client {client}: over {limit} bytes waiting",
                    "client", request.getClientAddress().toString(), "limit", maxPendingBytes);
            end();
            request.abortConnection();
        }
    }

    void close() {
        if (ended) {
            return;
        }
        end();
        request.unregisterProducer();
        request.finish();
    }

    private void end() {
        if (!ended) {
            ended = true;
            pending.clear();
            owner.gone(this);
        }
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        while (!paused && !ended && !pending.isEmpty()) {
            byte[] bytes = pending.removeFirst();
            pendingBytes -= bytes.length;
            request.write(ByteBuffer.wrap(bytes));
        }
    }

    @Override
    public void stopProducing() {
        end();
    }
}
