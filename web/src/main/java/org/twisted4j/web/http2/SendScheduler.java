package org.twisted4j.web.http2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Transport;

/**
 * The sending side of a connection: header blocks (HPACK-encoded in the order they go out), and the streams'
 * waiting data under the connection's send window, one frame per stream per turn so streams share the
 * connection fairly. Streams blocked by their own window leave the queue until a WINDOW_UPDATE or a new
 * SETTINGS_INITIAL_WINDOW_SIZE brings them back. It is the producer registered with the transport: while the
 * transport asks it to pause, data waits.
 */
final class SendScheduler implements PushProducer {
    final FlowWindow connectionWindow = new FlowWindow(Http2Settings.DEFAULT_WINDOW);
    private final HpackEncoder encoder = new HpackEncoder();
    private final ArrayDeque<StreamImpl> ready = new ArrayDeque<>();
    private @Nullable Transport transport;
    private int maxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;
    private boolean transportPaused;
    private boolean flushing;
    private boolean stopped;
    private boolean registered;

    /** Starts writing to {@code transport}, registered as its producer. */
    void start(Transport transport) {
        this.transport = transport;
        transport.registerProducer(this, true);
        registered = true;
    }

    /**
     * Stops writing for good (the connection is closing) and unregisters from the transport, which would not
     * close while a producer is registered.
     */
    void stop() {
        boolean wasRegistered = registered;
        stopProducing();
        Transport current = transport;
        if (current != null && wasRegistered) {
            current.unregisterProducer();
        }
    }

    void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    void setPeerMaxTableSize(long size) {
        encoder.setPeerMaxTableSize(size);
    }

    /** Writes {@code frame} now, unless stopped. */
    void write(ByteBuffer frame) {
        Transport current = transport;
        if (current != null && !stopped) {
            current.write(frame);
        }
    }

    /** Returns the HEADERS (and CONTINUATION) frames for {@code fields}, encoding them now. */
    ByteBuffer headers(int streamId, List<HeaderField> fields, boolean endStream) {
        return FrameWriter.headers(streamId, encoder.encode(fields), endStream, maxFrameSize);
    }

    /** Queues {@code stream}, which has output, unless it is queued already, and flushes unless flushing. */
    void enqueue(StreamImpl stream) {
        schedule(stream);
        if (!flushing) {
            flush();
        }
    }

    /** Queues {@code stream}, which has output, unless it is queued already, for the next flush. */
    void schedule(StreamImpl stream) {
        if (!stream.scheduled && stream.hasOutput()) {
            stream.scheduled = true;
            ready.add(stream);
        }
    }

    /** Writes what the windows allow now, then lets the streams that sent something resume their producers. */
    void flush() {
        Transport current = transport;
        if (current == null || transportPaused || stopped || flushing) {
            return;
        }
        List<ByteBuffer> out = new ArrayList<>();
        List<StreamImpl> progressed = new ArrayList<>();
        flushing = true;
        try {
            while (!ready.isEmpty()) {
                StreamImpl stream = ready.poll();
                int before = out.size();
                StreamImpl.Result result = stream.writeSome(out, connectionWindow, maxFrameSize);
                if (out.size() > before && !progressed.contains(stream)) {
                    progressed.add(stream);
                }
                if (result == StreamImpl.Result.BLOCKED_BY_CONNECTION) {
                    ready.addFirst(stream);
                    break;
                }
                stream.scheduled = result == StreamImpl.Result.MORE;
                if (stream.scheduled) {
                    ready.add(stream);
                }
            }
        } finally {
            flushing = false;
        }
        if (!out.isEmpty()) {
            current.writeSequence(out);
        }
        for (StreamImpl stream : progressed) {
            stream.afterFlush();
        }
    }

    @Override
    public void pauseProducing() {
        transportPaused = true;
    }

    @Override
    public void resumeProducing() {
        transportPaused = false;
        flush();
    }

    /** The transport is closing: it lets go of this producer. */
    @Override
    public void stopProducing() {
        stopped = true;
        registered = false;
        ready.clear();
    }
}
